// The in-process storage: tests, the browser (msw) and quick contract checks. The whole world
// lives in one Store; a write is one turn of a mutex.
import type { RecordReader } from '../../ports/record-plan.js';
import { refuseRunnableWorld, type World } from '../../world/schema.js';
import { Store } from '../../world/store.js';
import { MemoryRecordReader, buildSortIndexes, maintainSortIndexes } from './plans.js';
import { MemoryLogReader } from './logs.js';
import { MemoryCommentReader } from './comments.js';
import { MemoryDocumentReader } from './documents.js';
import { MemoryDirectoryReader } from './directory.js';
import type { DirectoryReader } from '../../ports/directory.js';
import { MemoryChangeFeed } from './changes.js';
import { feedEntries } from '../../ports/changes.js';
import type { LogReader } from '../../ports/logs.js';
import { MemorySessionStorage } from './sessions.js';
import { MemoryIdempotencyStorage } from './idempotency.js';
import { MemoryBlobStore } from './blobs.js';
import { takeInlineContent } from '../../ports/blobs.js';
import type { IdempotencyStorage } from '../../ports/idempotency.js';
import { Mutex } from '../mutex.js';
import type { Session, SessionStorage } from '../../ports/sessions.js';
import { checkTenantId, DEFAULT_TENANT, type DataStorage, type WriteScope } from '../../ports/storage.js';

/** In-process storage: tests, the browser (msw) and quick contract checks (`npm run mock -- --memory`). */
export class MemoryStorage implements DataStorage {
  readonly kind = 'memory';
  readonly tenant: string;
  store: Store;
  readonly sessions: SessionStorage = new MemorySessionStorage();
  idempotency: IdempotencyStorage = new MemoryIdempotencyStorage();
  readonly records: RecordReader = new MemoryRecordReader(() => this.store);
  readonly logs: LogReader = new MemoryLogReader(() => this.store);
  readonly comments = new MemoryCommentReader(() => this.store);
  readonly documents = new MemoryDocumentReader(() => this.store);
  readonly directory: DirectoryReader = new MemoryDirectoryReader(() => this.store);
  readonly changes = new MemoryChangeFeed();
  blobs = new MemoryBlobStore();
  readonly #writes = new Mutex();

  constructor(world: World, options: { tenant?: string } = {}) {
    this.tenant = checkTenantId(options.tenant ?? DEFAULT_TENANT);
    this.store = this.#open(world);
  }

  #open(world: World): Store {
    refuseRunnableWorld(world);
    // File bytes leave the world: into the blob store, the file keeping its key.
    takeInlineContent(world.files, (key, bytes) => this.blobs.putNow(key, bytes));
    // JSON has no negative zero: a world given in code keeps none either, as the wire and a
    // database (jsonb) would not (an export would show "-0" here and "0" there).
    for (const records of Object.values(world.records))
      for (const record of records)
        for (const [name, value] of Object.entries(record.fields))
          if (Object.is(value, -0)) record.fields[name] = 0;
    const store = new Store(world);
    buildSortIndexes(store);
    return store;
  }

  refresh(): Promise<void>;
  refresh(session: string): Promise<Session | null>;
  async refresh(session?: string): Promise<Session | null | void> {
    return session === undefined ? undefined : ((await this.sessions.get(session)) ?? null);
  }

  /** In memory every record is in `store` already. */
  async loadRecords() {}

  /** In memory every document is in `store` already. */
  async loadDocuments() {}

  /** In memory every company, portal and contact is in `store` already. */
  async loadCompanies() {}

  serve<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  write<T>(work: () => Promise<T>, scope: WriteScope = { kind: 'tenant' }): Promise<T> {
    return this.#writes.run(async () => {
      try {
        return await work();
      } finally {
        // In memory the changes are applied already: nothing to commit, only to keep the sort
        // indexes current, tell the feed, and forget.
        const changes = this.store.takeChanges();
        maintainSortIndexes(this.store, changes);
        this.changes.append(
          scope.kind === 'portal' ? scope.portalId : null,
          feedEntries(changes, this.store),
        );
      }
    });
  }

  async reset(world: World) {
    this.blobs = new MemoryBlobStore();
    this.store = this.#open(world);
    this.idempotency = new MemoryIdempotencyStorage();
    this.changes.restart();
    await this.sessions.clear();
  }

  async close() {}
}
