// The storage port: where the backend's world, sessions and used launch-token ids live. The rules
// engine decides on `store` (synchronously, as plain TypeScript); the storage makes each write one
// unit — with a database, one transaction holding exactly the changes the rules named — and keeps
// `store` up to date with what other instances committed.
import type { RecordReader } from './record-plan.js';
import type { LogReader } from './logs.js';
import type { ChangeFeed } from './changes.js';
import type { CommentReader } from './comments.js';
import type { DocumentReader } from './documents.js';
import type { DirectoryReader } from './directory.js';
import type { ModelName } from '../world/models.js';
import type { World } from '../world/schema.js';
import type { Store } from '../world/store.js';
import type { BlobStore } from './blobs.js';
import type { IdempotencyStorage } from './idempotency.js';
import type { Session, SessionStorage } from './sessions.js';

/**
 * What a write may change, and so what it holds while it runs: one portal's data (its users,
 * tasks, files, documents, logs, and records shared with it, each record locked as it is loaded),
 * or anything of the tenant (roles, models, contacts, content — and every portal, which waits).
 */
export type WriteScope = { kind: 'portal'; portalId: string } | { kind: 'tenant' };

/** A tenant's id: it keys every row of a shared database and leads its session tokens (no `.`). */
export const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
/** The tenant of a storage opened without one (and of every row written before tenants). */
export const DEFAULT_TENANT = 'default';

/** `tenant` when it is a tenant id, else an error that says what one is. */
export function checkTenantId(tenant: string): string {
  if (!TENANT_ID.test(tenant))
    throw new Error(
      `portalkit: the tenant id ${JSON.stringify(tenant)} is not 1–63 letters, digits, "-" or "_" (starting with a letter or digit).`,
    );
  return tenant;
}

/** The companies a request needs (see `DataStorage.loadCompanies`), each list of ids optional. */
export interface CompaniesWanted {
  companies?: readonly string[];
  contacts?: readonly string[];
  portals?: readonly string[];
  usersOf?: readonly string[];
}

export interface DataStorage {
  /** `memory` (tests, msw in the browser) or `postgres` (a server or PGlite). */
  readonly kind: 'memory' | 'postgres';
  /** The tenant (a vendor) whose data this is: a database holds several, each storage one. */
  readonly tenant: string;
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
  /** A task's comments, a page at a time. */
  readonly comments: CommentReader;
  /** Documents (R8) by id: a database's instance holds none. */
  readonly documents: DocumentReader;
  /** What each committed write changed, in commit order (instances, live updates). */
  readonly changes: ChangeFeed;
  /**
   * Brings the records `ids` of `model` (those that exist) into `store`, current, for the write
   * running now: a database keeps no records in an instance between requests — lists, counts
   * and single reads are plans it runs in SQL — so a write that changes records loads them first.
   */
  loadRecords(model: ModelName, ids: readonly string[]): Promise<void>;
  /**
   * Brings the documents `ids` (those that exist) into `store`, current and locked, for the write
   * running now, which may change them: a database's instance holds no document otherwise (reads
   * go through `documents`). Only inside a write.
   */
  loadDocuments(ids: readonly string[]): Promise<void>;
  /** What a few rules ask about the whole tenant (every company, every portal's head, role holders). */
  readonly directory: DirectoryReader;
  /**
   * Brings into `store`, current, for the request running now, the companies named — by id
   * (`companies`), as the company of a contact or portal (`contacts`, `portals`), or of the
   * portals a contact is a user of (`usersOf`) — each with its portals, contacts, workflows,
   * tasks and files, and with the companies of its parent/child group (R11). A database's
   * instance holds the companies it served lately (a bounded number), not the tenant's: rules
   * read a portal, its people, tasks and files and its company from `store`, so a request loads
   * them before the rules run.
   */
  loadCompanies(wanted: CompaniesWanted): Promise<void>;
  /**
   * Runs one request: what it loads (`loadCompanies`) stays in `store` until it ends, whatever
   * other requests load meanwhile.
   */
  serve<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Catches up with writes other instances committed (a read then sees them). Given a session's
   * token, also reads that session (`sessions.get`; null: none): a database answers both in one
   * statement.
   */
  refresh(): Promise<void>;
  refresh(session: string): Promise<Session | null>;
  /**
   * Runs `work` as one write and commits what it changed in `store` when it resolves: on the
   * latest data of its `scope` (default: the tenant), which no other write changes meanwhile — a
   * portal's write waits only for writes to that portal and for tenant-wide ones. On a database,
   * when it throws or the commit fails, nothing of it is kept, in the database or in `store` (in
   * memory the rules change nothing before they have decided, so a refusal leaves nothing either);
   * when a write of another scope changed what this one changes meanwhile, `work` runs again on
   * the newer data (so it must read its request afresh each time).
   */
  write<T>(work: () => Promise<T>, scope?: WriteScope): Promise<T>;
  /** Replaces all data with `world` (demo "Reset data", a world import); every session ends. */
  reset(world: World): Promise<void>;
  close(): Promise<void>;
}

/** What a page's payload or a trail reads beside the store: records by plan, documents by id. */
export type Readers = Pick<DataStorage, 'records' | 'documents'>;
