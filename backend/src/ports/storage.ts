// The storage port: where the backend's world, sessions and used launch-token ids live. The rules
// engine decides on `store` (synchronously, as plain TypeScript); the storage makes each write one
// unit — with a database, one transaction holding exactly the changes the rules named — and keeps
// `store` up to date with what other instances committed.
import type { RecordReader } from './record-plan.js';
import type { LogReader } from './logs.js';
import type { ModelName } from '../world/models.js';
import type { World } from '../world/schema.js';
import type { Store } from '../world/store.js';
import type { BlobStore } from './blobs.js';
import type { IdempotencyStorage } from './idempotency.js';
import type { SessionStorage } from './sessions.js';

export interface DataStorage {
  /** `memory` (tests, msw in the browser) or `postgres` (a server or PGlite). */
  readonly kind: 'memory' | 'postgres';
  /** The world as this instance last saw it; `refresh` first to see other instances' writes. */
  readonly store: Store;
  readonly sessions: SessionStorage;
  /** Answers of writes made with an Idempotency-Key; on a database, read and written in the write's transaction. */
  readonly idempotency: IdempotencyStorage;
  /** Uploaded files' bytes (the world holds their metadata and blob key only). */
  readonly blobs: BlobStore;
  /** Evaluates the rules' record plans (lists, counts, exports, widgets) on the stored records. */
  readonly records: RecordReader;
  /** Reads the activity log and audit trail, a portal at a time (a database's instance holds neither). */
  readonly logs: LogReader;
  /**
   * Brings the records `ids` of `model` (those that exist) into `store`, current, for the write
   * running now: a database keeps no records in an instance between requests — lists, counts
   * and single reads are plans it runs in SQL — so a write that changes records loads them first.
   */
  loadRecords(model: ModelName, ids: readonly string[]): Promise<void>;
  /** Catches up with writes other instances committed (a read then sees them). */
  refresh(): Promise<void>;
  /**
   * Runs `work` as one write: on the latest data, alone (no other write of any instance runs
   * meanwhile), and commits what it changed in `store` when it resolves. On a database, when it
   * throws or the commit fails, nothing of it is kept — in the database or in `store` (in memory
   * the rules change nothing before they have decided, so a refusal leaves nothing either).
   */
  write<T>(work: () => Promise<T>): Promise<T>;
  /** Replaces all data with `world` (demo "Reset data", a world import); every session ends. */
  reset(world: World): Promise<void>;
  close(): Promise<void>;
}
