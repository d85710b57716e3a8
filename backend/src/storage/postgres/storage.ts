// The PostgreSQL storage (a server through `pg`, or PGlite in process): the world in tables,
// sessions and used launch-token ids beside it, so any number of instances serve one database.
//
// Each instance keeps the world's entities in a `Store` the rules engine reads, brought up to date
// before each request from the rows committed since (one indexed query when nothing changed).
// Records stay in the database: lists, counts, exports, widgets and single reads are plans run
// as SQL (`plans.ts`), and a write loads the records it changes (`loadRecords`) and forgets
// them when it ends — an instance's memory does not grow with the number of records. The logs
// (activity, audit) stay there too, read a portal at a time (`logs.ts`), written by each write,
// and so do tasks' comments, read a task's page at a time (`comments.ts`). Companies are held one
// at a time, each with its portals, contacts, workflows, tasks and files (and the rest of its
// parent/child group): those the instance served lately, loaded when a request needs them
// (`loadCompanies`), at most `heldCompanies` of them beyond those in use. What a rule asks of
// every company or portal is a query (`directory.ts`).
// A write holds what it may change (its portal, or the tenant: `WriteScope`), catches up, and
// commits exactly the changes the rules named (`Store.takeChanges`) in one transaction. Its
// version — the place in the change feed other instances catch up by — is taken in the commit's
// last statement, whose row lock on `pk_head` is held until COMMIT: versions follow commit order.
// An entity another scope's write changed meanwhile is a conflict: the write runs again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Session } from '../../ports/sessions.js';
import { PostgresSessionStorage } from './sessions.js';
import { PostgresIdempotencyStorage } from './idempotency.js';
import type { RecordReader } from '../../ports/record-plan.js';
import { Schema, type FieldDef, type ModelName } from '../../world/models.js';
import { refuseRunnableWorld, type DataRecord, type DocumentEntry, type World } from '../../world/schema.js';
import { sanitizeStoredHtml } from '../../world/sanitize.js';
import { ENTITY_LISTS, Store, type Change, type EntityList } from '../../world/store.js';
import { prepared, type Database, type Queryable } from './database.js';
import { COUNT_RECORDS, migrate, ORDER_LISTS, ORDER_RECORDS, PLACE_LOGS, SUM_RECORDS } from './migrations.js';
import { derivedColumns, SqlRecordReader } from './plans.js';
import { SqlLogReader } from './logs.js';
import { SqlCommentReader } from './comments.js';
import { SqlDocumentReader } from './documents.js';
import { SqlDirectoryReader } from './directory.js';
import type { DirectoryReader } from '../../ports/directory.js';
import { SqlChangeFeed } from './changes.js';
import { FEED_WRITES, feedEntries, type ChangeFeed } from '../../ports/changes.js';
import type { LogReader } from '../../ports/logs.js';
import { PostgresBlobStore, putBlob } from './blobs.js';
import { takeInlineContent } from '../../ports/blobs.js';
import { Mutex } from '../mutex.js';
import {
  checkTenantId,
  DEFAULT_TENANT,
  type CompaniesWanted,
  type DataStorage,
  type WriteScope,
} from '../../ports/storage.js';

/**
 * The class of tenants' advisory locks (two-key form: this class, the tenant id's hash). A
 * tenant's is held shared by a portal's write, exclusively by a tenant-wide one (and an import
 * or reset), so a change of roles or models waits for the portals' writes and they for it; other
 * tenants' writes wait for neither.
 */
const TENANT_LOCK = 7402;
/** The class of portals' advisory locks (two-key form: this class, the hash of tenant and portal). */
const PORTAL_LOCK = 7403;
/** Attempts of a write whose entities another scope's write changed meanwhile. */
const ATTEMPTS = 5;
/**
 * Lists an instance does not hold: read where they are kept — a task's comments a page at a time
 * (`comments.ts`), documents by id (`documents.ts`). A write's new ones, and the documents it
 * loads (`loadDocuments`), stay in `store` until it ends.
 */
const NOT_HELD = ['comments', 'documents'] as const satisfies readonly EntityList[];
/**
 * The instances open on each database, by tenant, and whether two ever were at once (`shared`:
 * for good). An instance alone on PGlite — one process's database, its folder locked — is the
 * only writer of its tenant: nothing changes but through it.
 */
const OPEN = new WeakMap<object, Map<string, { open: number; shared: boolean }>>();
/**
 * Lists an instance holds a company at a time (see `loadCompanies`): a company, and its portals,
 * contacts, workflows, tasks and files (each names its company).
 */
const BY_COMPANY = [
  'companies',
  'portals',
  'contacts',
  'workflows',
  'tasks',
  'files',
] as const satisfies readonly EntityList[];
/** The lists read by their `companyId` (all but the companies themselves). */
const OF_COMPANY = BY_COMPANY.filter((list) => list !== 'companies');
type ByCompany = (typeof BY_COMPANY)[number];
const byCompany = (list: string): list is ByCompany => (BY_COMPANY as readonly string[]).includes(list);
/** Lists an instance loads at start: the policy lists (all but those above and those it does not hold). */
const LOADED = [
  'tenant',
  ...ENTITY_LISTS.filter((list) => !byCompany(list) && !(NOT_HELD as readonly string[]).includes(list)),
];
/** Companies an instance holds, beyond those its requests use now (see `loadCompanies`). */
const HELD_COMPANIES = 1000;
/** Rows per INSERT when a whole world is imported. */
const BATCH = 2000;
/** How many lists an instance remembers as named before it starts again (see ENSURE_LISTS). */
const LISTS_KNOWN = 100_000;

interface Head {
  version: number;
  next_ord: number;
  epoch: string;
}

export interface PostgresStorageOptions {
  /**
   * The tenant (a vendor) whose rows this storage reads and writes: every statement names it, so
   * tenants share a database and never see each other's rows. Default: `'default'`.
   */
  tenant?: string;
  /** Imported when the tenant holds no world yet (a fresh PGlite folder, an empty server). */
  world?: World;
  /**
   * Whether `close()` closes the database too (default: yes). Storages of several tenants on one
   * database say no, and the database is closed once, by whoever opened it.
   */
  closesDatabase?: boolean;
  /**
   * How many companies (each with its portals and contacts) the instance holds at most, beyond
   * those its requests use now (the least recently used are let go first). Default: 1,000.
   */
  heldCompanies?: number;
  /** Test hook: runs inside each write's transaction, its locks held, just before it commits. */
  beforeCommit?: (scope: WriteScope) => Promise<void>;
}

/**
 * A company an instance holds (or is loading): how many requests use it now, whether it is
 * loaded, whether its group may have changed since (`regrouped`: read again when next needed, its
 * changes applied meanwhile), and its parent/child group as last read (the companies held, used
 * and let go together: R11 reads a company's whole group).
 */
interface HeldCompany {
  users: number;
  loaded: boolean;
  regrouped?: boolean;
  group: Set<string>;
  /** The version its last read saw: a catch-up's older row of it is not applied (see #applyHeld). */
  readAt?: number;
}

/** A write's entities were changed by another scope's write after it caught up: it runs again. */
class WriteConflict extends Error {}

/** Whether a failed write may run again: a conflict, a deadlock, a serialisation failure. */
const retryable = (error: unknown) =>
  error instanceof WriteConflict || ['40001', '40P01'].includes((error as { code?: string }).code ?? '');

/**
 * A log entry's place was taken: an instance of a release before migration 17 (or a tool) appended
 * to the log without moving its next place. The places are read from the log again, then the
 * write runs again.
 */
const placeTaken = (error: unknown) => {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'pk_appended_place';
};
/** Moves the next places of tenant $1's logs up to what the logs hold. */
const REPLACE_LOGS = `${PLACE_LOGS('tenant_id = $1')}
  ON CONFLICT (tenant_id, list, portal_id) DO UPDATE
    SET next_pos = greatest(pk_log_places.next_pos, excluded.next_pos)`;

export class PostgresStorage implements DataStorage {
  readonly kind = 'postgres';
  /** Whether `open` found the database empty and imported the world it was given. */
  importedOnOpen = false;
  readonly sessions: PostgresSessionStorage;
  readonly idempotency: PostgresIdempotencyStorage;
  /** Lists, counts, exports and widgets run as SQL on the tables, not on `store`. */
  readonly records: RecordReader;
  /** The activity log and audit trail, read in SQL (an instance holds neither). */
  readonly logs: LogReader;
  /** A task's comments, read a page at a time from `pk_entities`. */
  readonly comments: SqlCommentReader;
  readonly documents: SqlDocumentReader;
  /** Every company, every portal's head, role holders: read in SQL per request. */
  readonly directory: DirectoryReader;
  /** What each committed write changed, read from `pk_changes`. */
  readonly changes: ChangeFeed;
  /** When this instance last swept the feed's old positions (ms). */
  #feedSwept = 0;
  /** Uploaded files' bytes, in `pk_blobs` (written outside any write's transaction). */
  readonly blobs: PostgresBlobStore;
  store: Store = new Store(emptyWorld(), { keepLogs: false });
  readonly #db: Database;
  readonly tenant: string;
  readonly #closesDatabase: boolean;
  /** The transaction of the write running in this async context, if any (its reads use it). */
  readonly #tx = new AsyncLocalStorage<Queryable>();
  readonly #writes = new Mutex();
  #seen: Head = { version: -1, next_ord: 0, epoch: '' };
  readonly #beforeCommit: PostgresStorageOptions['beforeCommit'];
  /**
   * A write of this instance is open: a request's catch-up then applies nothing (it would write
   * over the write's changes in `store` before they are committed); the next one will.
   */
  #writing = false;
  /** Resolves when the write open now (`#writing`) ends. */
  #writeEnds: Promise<void> = Promise.resolve();
  #endWrite: () => void = () => {};
  /** A request's catch-up running now, if any (see `#catchUpTo`). */
  #catchingUp: Promise<void> | undefined;
  /**
   * The companies `store` holds (or is loading) with their portals and contacts, least recently
   * used first: how many requests use each now, whether it is loaded, and whether its group may
   * have changed since (`regrouped`: read again when next needed; its changes are applied meanwhile).
   */
  readonly #companies = new Map<string, HeldCompany>();
  /**
   * The version each held company, portal and contact was read at (by `list\0id`): a read older
   * than what `store` holds (a load and a catch-up crossing) is not applied.
   */
  readonly #heldVersions = new Map<string, number>();
  /** The companies the request running in this async context uses (see `serve`). */
  readonly #serving = new AsyncLocalStorage<Set<string>>();
  readonly #heldCompanies: number;
  /** Lists of the fields' order this instance has seen named (see ENSURE_LISTS), by their JSON. */
  readonly #lists = new Set<string>();
  /** The lists the write being committed named, known once it commits. */
  #named: string[] = [];
  /** This instance's entry in OPEN, until it closes. */
  #here: { open: number; shared: boolean } | undefined;
  /**
   * What `store` holds may be older than the database: after a reset, or a commit that took a
   * version another came between (see `write`). The next read then asks, alone or not.
   */
  #behind = false;
  /**
   * Counts the times `#behind` was set: a head read that began before the latest does not clear
   * it (a reset may have committed after it).
   */
  #marks = 0;
  /** Changes written since the tables were last vacuumed, and how many are due one (PGlite). */
  #unvacuumed = 0;
  #vacuumAfter = 50;
  #vacuuming = false;

  private constructor(db: Database, tenant: string, options: PostgresStorageOptions) {
    this.#db = db;
    this.tenant = tenant;
    this.#heldCompanies = options.heldCompanies ?? HELD_COMPANIES;
    this.#closesDatabase = options.closesDatabase ?? true;
    this.#beforeCommit = options.beforeCommit;
    let open = OPEN.get(db.engine ?? db);
    if (!open) OPEN.set(db.engine ?? db, (open = new Map()));
    const here = open.get(tenant) ?? { open: 0, shared: false };
    open.set(tenant, here);
    here.open++;
    if (here.open > 1) here.shared = true;
    this.#here = here;
    this.sessions = new PostgresSessionStorage(
      () => this.#q,
      tenant,
      () => this.#alone && !this.#writing && !this.#tx.getStore(),
    );
    this.idempotency = new PostgresIdempotencyStorage(() => this.#q, db, tenant);
    this.records = new SqlRecordReader(
      () => this.#q,
      tenant,
      (work) => this.#withoutSorting(work),
    );
    this.logs = new SqlLogReader(() => this.#q, tenant);
    this.comments = new SqlCommentReader(() => this.#q, tenant);
    this.documents = new SqlDocumentReader(() => this.#q, tenant);
    this.directory = new SqlDirectoryReader(() => this.#q, tenant);
    this.changes = new SqlChangeFeed(db, tenant);
    this.blobs = new PostgresBlobStore(db, tenant);
  }

  /**
   * Opens the tenant's storage: applies pending migrations, imports `world` when the tenant holds
   * none yet, loads.
   */
  static async open(db: Database, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const tenant = checkTenantId(options.tenant ?? DEFAULT_TENANT);
    await migrate(db);
    const storage = new PostgresStorage(db, tenant, options);
    await db.query(
      `INSERT INTO pk_head (tenant_id, version, next_ord, epoch) VALUES ($1, 0, 0, '') ON CONFLICT DO NOTHING`,
      [tenant],
    );
    if (options.world) {
      refuseRunnableWorld(options.world);
      await db.transaction(async (tx) => {
        await lockTenant(tx, tenant);
        const [head] = await tx.query<Head>(
          'SELECT version, next_ord, epoch FROM pk_head WHERE tenant_id = $1',
          [tenant],
        );
        if (head!.epoch === '') {
          await replaceTables(tx, tenant, options.world!);
          storage.importedOnOpen = true;
        }
      });
      if (storage.importedOnOpen) await settleImport(db);
    }
    if (db.kind === 'pglite') storage.#vacuumAfter = await vacuumThreshold(db);
    await storage.refresh();
    return storage;
  }

  /**
   * Runs `work` where the planner groups by hashing rather than sorting: in a transaction of its
   * own (or the write's, the setting put back after).
   */
  async #withoutSorting<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    const tx = this.#tx.getStore();
    if (!tx)
      return this.#db.transaction(async (own) => {
        await own.query(`SELECT set_config('enable_sort', 'off', true)`);
        return work(own);
      });
    const [{ previous }] = (await tx.query<{ previous: string }>(
      `SELECT current_setting('enable_sort') AS previous, set_config('enable_sort', 'off', true)`,
    )) as [{ previous: string }];
    try {
      return await work(tx);
    } finally {
      await tx.query(`SELECT set_config('enable_sort', $1, true)`, [previous]);
    }
  }

  #markBehind(): void {
    this.#behind = true;
    this.#marks++;
  }

  /** Whether this instance is the only one writing its tenant (see OPEN). */
  get #alone(): boolean {
    return this.#db.kind === 'pglite' && this.#here?.shared === false;
  }

  /** Alone, and `store` holds what this instance's writes committed: nothing to catch up. */
  get #current(): boolean {
    return this.#alone && this.#seen.epoch !== '' && !this.#behind;
  }

  get #q(): Queryable {
    return this.#tx.getStore() ?? this.#db;
  }

  refresh(): Promise<void>;
  refresh(session: string): Promise<Session | null>;
  async refresh(session?: string): Promise<Session | null | void> {
    // Alone (see OPEN): nothing to read before a request but its session, which it keeps. Beside
    // a write of this instance, after it ends — as PGlite would run the statement a read asks —
    // so that the request sees none of the write's changes before they are committed.
    if (this.#current && !this.#tx.getStore()) {
      if (this.#writing) await this.#writeEnds;
      if (this.#current)
        return session === undefined ? undefined : ((await this.sessions.get(session)) ?? null);
    }
    // Inside a write the write's own catch-up already ran, under the lock; beside one, see #writing.
    if (this.#tx.getStore() || this.#writing || this.#seen.epoch === '') {
      if (!this.#tx.getStore() && !this.#writing) await this.#catchUp(this.#db);
      return session === undefined ? undefined : ((await this.sessions.get(session)) ?? null);
    }
    // Most requests find nothing new: one small read tells, the session read with it.
    const seen = this.#seen;
    const marks = this.#marks;
    const { head, session: found } =
      session === undefined
        ? {
            head: (await this.#db.query<Head>(HEAD, [this.tenant]))[0]!,
            session: undefined,
          }
        : await this.sessions.headAndSession<Head>(session);
    if (head.epoch !== seen.epoch || head.version > seen.version) await this.#catchUpTo(head);
    else if (marks === this.#marks) this.#behind = false;
    return session === undefined ? undefined : (found ?? null);
  }

  /**
   * A request's catch-up to `head` at least. Requests that find the same write come at once (each
   * one beside another instance's write): a catch-up running already serves those it reaches,
   * so one statement serves them, not one each.
   */
  async #catchUpTo(head: Head): Promise<void> {
    const reached = () => this.#seen.epoch === head.epoch && this.#seen.version >= head.version;
    const running = this.#catchingUp;
    if (running) {
      await running.catch(() => {});
      if (reached()) return;
    }
    const mine = this.#catchUp(this.#db);
    this.#catchingUp = mine;
    try {
      await mine;
    } finally {
      if (this.#catchingUp === mine) this.#catchingUp = undefined;
    }
  }

  async write<T>(work: () => Promise<T>, scope: WriteScope = { kind: 'tenant' }): Promise<T> {
    let changed = 0;
    const result = await this.#writes.run(async () => {
      for (let attempt = 1; ; attempt++) {
        let changes: Change[] = [];
        let caughtUp = -1;
        let version: number | undefined;
        let parents = new Map<string, { parentId?: string | undefined }>();
        try {
          this.#writing = true;
          this.#writeEnds = new Promise((resolve) => (this.#endWrite = resolve));
          const result = await this.#db.transaction(async (tx) => {
            // Alone (see OPEN), nothing came since this instance's last write, and no other
            // instance's write waits for the locks the catch-up takes.
            if (!this.#current) await this.#catchUp(tx, scope);
            caughtUp = this.#seen.version;
            this.store.takeChanges();
            // The parents of the companies held, as before the write (see #regroup): only a
            // tenant-wide write (an import) changes companies.
            if (scope.kind === 'tenant')
              parents = new Map(this.store.world.companies.map((c) => [c.id, { parentId: c.parentId }]));
            try {
              const result = await this.#tx.run(tx, work);
              changes = this.store.takeChanges();
              await this.#beforeCommit?.(scope);
              version = await this.#commit(tx, changes, caughtUp, scope);
              return result;
            } finally {
              this.store.forgetRecords();
              this.#forgetNotHeld();
            }
          });
          this.#writing = false;
          this.#endWrite();
          // Lists are never removed: once committed, a named one needs no naming again.
          if (this.#lists.size > LISTS_KNOWN) this.#lists.clear();
          for (const name of this.#named) this.#lists.add(name);
          this.#named = [];
          // Companies a write loaded may go now (not while it was open).
          this.#letCompaniesGo();
          // Committed. When no version came between, the store holds every one up to this write's
          // (the next request needs no catch-up); otherwise the next catch-up reads what came
          // between (and this write's rows again, which the store holds already).
          const seen = this.#seen;
          if (version === caughtUp + 1 && seen.version === caughtUp) this.#seen = { ...seen, version };
          else if (version !== undefined) {
            this.#markBehind();
            this.#awaitCatchUp(changes);
          }
          if (version !== undefined)
            for (const change of changes) {
              if (change.kind !== 'entity' || !byCompany(change.list)) continue;
              if (this.store.entity(change.list, change.id))
                this.#heldVersions.set(`${change.list}\0${change.id}`, version);
              if (change.list === 'companies')
                this.#regroup(
                  change.id,
                  parents.get(change.id),
                  change.removed ? null : (this.store.companies.get(change.id) ?? null),
                );
            }
          if (version !== undefined) await this.#sweepFeed(version);
          await this.idempotency.sweep();
          changed = changes.length;
          return result;
        } catch (error) {
          this.#writing = false;
          // What it saw may be older than the database (a conflict; a commit whose sync failed).
          this.#markBehind();
          this.#named = []; // rolled back with the write
          // Rolled back: the store may hold changes the database does not. Requests waiting for
          // the write go on once they are gone.
          await this.#undo(changes.length ? changes : this.store.takeChanges());
          this.#endWrite();
          if (attempt < ATTEMPTS && retryable(error)) continue;
          if (attempt < ATTEMPTS && placeTaken(error)) {
            await this.#db.query(REPLACE_LOGS, [this.tenant]);
            continue;
          }
          throw error;
        }
      }
    });
    // After the write, outside its lock: this instance's next writes need not wait for it.
    await this.#vacuumWhenDue(changed);
    return result;
  }

  /**
   * After a commit that other scopes' commits came before: the entities this write added leave
   * the store's lists, so that the next catch-up adds them again after those (a list's order is
   * the order of commits, on every instance and after a restart).
   */
  #awaitCatchUp(changes: readonly Change[]): void {
    for (const change of changes)
      if (
        change.kind === 'entity' &&
        change.inserted &&
        !change.removed &&
        this.store.entity(change.list, change.id)
      )
        this.store.remove(change.list, change.id);
    this.store.takeChanges();
  }

  /**
   * Drops from `store` the entities of lists it does not hold (NOT_HELD) that the write just
   * ended added — committed, they are read from the tables; rolled back, they are gone — and
   * with them their change notes, leaving every other change for the commit or the undo.
   */
  #forgetNotHeld(): void {
    for (const list of NOT_HELD)
      for (const { id } of [...(this.store.world[list] as { id: string }[])])
        this.store.applyEntity(list, id, null);
  }

  /**
   * Forgets the feed's positions more than FEED_WRITES writes back, at most once a minute per
   * instance, in a short transaction of its own after a write (never inside one).
   */
  async #sweepFeed(version: number): Promise<void> {
    const floor = version - FEED_WRITES;
    if (floor <= 0 || Date.now() - this.#feedSwept < 60_000) return;
    this.#feedSwept = Date.now();
    await this.#db
      .transaction(async (tx) => {
        // Beside writes, never beside a reset of the data (which takes these tables in the other order).
        await tx.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [TENANT_LOCK, this.tenant]);
        await tx.query('UPDATE pk_head SET feed_floor = greatest(feed_floor, $2) WHERE tenant_id = $1', [
          this.tenant,
          floor,
        ]);
        await tx.query('DELETE FROM pk_changes WHERE tenant_id = $1 AND version <= $2', [this.tenant, floor]);
      })
      .catch((error) => console.error('portalkit storage: the change feed was not swept', error));
  }

  /**
   * PGlite runs no autovacuum (it has no background processes): every edit's old row versions and
   * index entries would stay for ever, and reads of an index alone (counts, sorted pages) would
   * visit the table again. So on PGlite, after as many changes as autovacuum's default rule waits
   * for (50 + 20 % of the rows), this instance vacuums the tables itself, after a write and
   * outside it and its lock. A server vacuums by itself.
   */
  async #vacuumWhenDue(changed: number): Promise<void> {
    if (this.#db.kind !== 'pglite') return;
    this.#unvacuumed += changed;
    if (this.#unvacuumed < this.#vacuumAfter || this.#vacuuming) return;
    this.#unvacuumed = 0;
    this.#vacuuming = true;
    try {
      // A table at a time: on PGlite's one connection, requests waiting go between them.
      for (const table of VACUUMED) await this.#db.query(`VACUUM (ANALYZE) ${table}`);
      this.#vacuumAfter = await vacuumThreshold(this.#db);
    } catch (error) {
      console.error('portalkit storage: the tables were not vacuumed', error);
    } finally {
      this.#vacuuming = false;
    }
  }

  /**
   * Puts back in `store` what a rolled-back write changed: the entities it changed as the
   * database holds them (records are forgotten anyway; log entries are not kept). Anything else
   * going wrong: the whole world again.
   */
  async #undo(changes: readonly Change[]): Promise<void> {
    const entities = changes.filter((c): c is Extract<Change, { kind: 'entity' }> => c.kind === 'entity');
    try {
      if (!entities.length) return;
      // A removed entity put back would join the end of its list: its place comes from a reload.
      if (entities.some((c) => c.removed)) throw new Error('reload');
      const rows = await this.#db.query<{ list: EntityList; id: string; body: { id: string } | null }>(
        `SELECT x.list, x.id, e.body FROM json_to_recordset($1::json) AS x(list text, id text)
           LEFT JOIN pk_entities e ON e.tenant_id = $2 AND e.list = x.list AND e.id = x.id`,
        [JSON.stringify(entities.map(({ list, id }) => ({ list, id }))), this.tenant],
      );
      for (const row of rows) {
        // What the instance does not hold goes (a document the write loaded, as it was).
        const held = !(NOT_HELD as readonly string[]).includes(row.list);
        this.store.applyEntity(row.list, row.id, held ? row.body : null);
        // Read without its version: any later read applies.
        if (byCompany(row.list)) this.#heldVersions.delete(`${row.list}\0${row.id}`);
      }
    } catch {
      this.#seen = { version: -1, next_ord: 0, epoch: '' };
      await this.refresh().catch(() => {});
    }
  }

  async loadDocuments(ids: readonly string[]): Promise<void> {
    if (!this.#tx.getStore()) throw new Error('loadDocuments: only inside a write');
    for (const doc of (await this.documents.get(ids, true)).values())
      this.store.applyEntity('documents', doc.id, doc);
  }

  async loadRecords(model: ModelName, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    // Inside a write, locked until it ends: a record shared with several portals is changed by
    // one of their writes at a time, each on the version the one before committed.
    const rows = await this.#q.query<RecordRow>(
      `SELECT model, id, company_id, portal_ids, fields, removed FROM pk_records
        WHERE tenant_id = $3 AND model = $1 AND id = ANY($2::text[]) AND NOT removed
        ORDER BY id ${this.#tx.getStore() ? 'FOR UPDATE' : ''}`,
      [model, [...new Set(ids)].sort(), this.tenant],
    );
    for (const row of rows) this.store.applyRecord(model, row.id, toRecord(row));
  }

  serve<T>(work: () => Promise<T>): Promise<T> {
    const using = new Set<string>();
    return this.#serving.run(using, async () => {
      try {
        return await work();
      } finally {
        for (const company of using) {
          const entry = this.#companies.get(company);
          if (entry) entry.users--;
        }
        this.#letCompaniesGo();
      }
    });
  }

  async loadCompanies(wanted: CompaniesWanted): Promise<void> {
    const companies = new Set(wanted.companies);
    // Contacts and portals held already name their company; the others' are looked up, with the
    // portals the contacts `usersOf` are users of (the index of portals' users finds them).
    const unknown: Record<'contacts' | 'portals', Set<string>> = { contacts: new Set(), portals: new Set() };
    for (const list of ['contacts', 'portals'] as const)
      for (const id of wanted[list] ?? []) {
        const held = this.store[list].get(id);
        if (held) companies.add(held.companyId);
        else unknown[list].add(id);
      }
    if (unknown.contacts.size || unknown.portals.size || wanted.usersOf?.length) {
      const rows = await this.#q.query<{ company: string }>(COMPANIES_OF, [
        this.tenant,
        [...unknown.contacts],
        [...unknown.portals],
        [...new Set(wanted.usersOf)],
      ]);
      for (const row of rows) companies.add(row.company);
    }
    if (!companies.size) return;
    this.#use(companies);
    const missing = [...companies].filter((company) => {
      const entry = this.#companies.get(company)!;
      return !entry.loaded || entry.regrouped;
    });
    if (missing.length) {
      // Inside a write, read in its transaction (it holds its scope and caught up). Beside one,
      // after it: what is read then applied while a write of this instance is open could write
      // over the write's changes in `store`.
      const tx = this.#tx.getStore();
      if (tx) await this.#readCompanies(tx, missing);
      else await this.#writes.run(() => this.#readCompanies(this.#db, missing));
    }
    this.#letCompaniesGo();
  }

  /**
   * Marks `companies` and the rest of their groups used (and, for a request, held until it ends):
   * nothing lets them go meanwhile.
   */
  #use(companies: Iterable<string>): void {
    const using = this.#serving.getStore();
    const use = (company: string) => {
      const entry = this.#companies.get(company) ?? { users: 0, loaded: false, group: new Set([company]) };
      this.#companies.delete(company);
      this.#companies.set(company, entry);
      if (using && !using.has(company)) {
        using.add(company);
        entry.users++;
      }
      return entry;
    };
    for (const company of companies) for (const member of use(company).group) use(member);
  }

  /**
   * Reads the `missing` companies — each with its portals and contacts, and with the rest of its
   * parent/child group — into `store`, with the head in the same snapshot. Until then the
   * catch-up applies none of theirs (so each list keeps the table's order), so a read older than
   * the catch-ups' latest may lack their changes: it is read again.
   */
  async #readCompanies(q: Queryable, missing: readonly string[]): Promise<void> {
    for (;;) {
      const store = this.store;
      const rows = await q.query<{
        list: 'head' | 'group' | ByCompany;
        id: string;
        body: { id: string; companyId?: string } | null;
        version: number;
      }>(LOAD_COMPANIES, [this.tenant, missing, OF_COMPANY]);
      // A new epoch came meanwhile (another instance's reset): its store is read afresh.
      if (store !== this.store) continue;
      if (rows[0]!.version < this.#seen.version) continue;
      // The companies read: those asked for and the rest of their groups, each group held whole.
      const loading = new Set(missing);
      for (const row of rows) if (row.list === 'group') loading.add(row.id);
      const groups = groupsOf(
        loading,
        rows
          .filter((row) => row.list === 'companies')
          .map((row) => row.body as { id: string; parentId?: string }),
      );
      for (const company of loading) {
        const group = groups.get(company)!;
        const entry = this.#companies.get(company);
        if (entry) entry.group = group;
        else this.#companies.set(company, { users: 0, loaded: false, group });
      }
      this.#use(loading);
      for (const row of rows)
        if (row.list !== 'head' && row.list !== 'group')
          this.#applyHeld(row.list, row.id, row.body, row.version, loading);
      for (const company of loading)
        Object.assign(this.#companies.get(company)!, {
          loaded: true,
          regrouped: false,
          readAt: rows[0]!.version,
        });
      return;
    }
  }

  /**
   * Applies a company, portal or contact as read at `version`, unless `store` holds a later one,
   * or its company is neither loaded nor among those `loading` now (then a copy held under its
   * former company goes).
   */
  #applyHeld(
    list: ByCompany,
    id: string,
    body: { id: string; companyId?: string } | null,
    version: number,
    loading?: ReadonlySet<string>,
  ): void {
    const key = `${list}\0${id}`;
    const known = this.#heldVersions.get(key);
    if (known !== undefined && version < known) return;
    const company = list === 'companies' ? id : body?.companyId;
    // A catch-up that read before the company's last read: that read saw this row or a later
    // one (one it did not return had left the company, or was gone).
    const readAt = company === undefined ? undefined : this.#companies.get(company)?.readAt;
    if (!loading && known === undefined && readAt !== undefined && version <= readAt) return;
    if (list === 'companies' && !loading) {
      const held = this.store.companies.get(id);
      this.#regroup(id, held ? { parentId: held.parentId } : undefined, body as { parentId?: string } | null);
    }
    if (body && company !== undefined && (this.#companies.get(company)?.loaded || loading?.has(company))) {
      this.store.applyEntity(list, id, body);
      this.#heldVersions.set(key, version);
    } else if (this.store.entity(list, id)) {
      this.store.applyEntity(list, id, null);
      this.#heldVersions.delete(key);
    }
  }

  /**
   * After a company's change (`before`: its parent as held, if it was; `after`: its row now): when
   * it may have joined, left or moved within a group held — a company held whose parent changed
   * or that is gone, one not held (so in no group held) now under a company held — the groups
   * held are read again when next needed. What they hold stays current meanwhile: a request
   * using one now keeps reading it whole.
   */
  #regroup(
    id: string,
    before: { parentId?: string | undefined } | undefined,
    after: { parentId?: string } | null,
  ): void {
    const moved = before
      ? after === null || before.parentId !== after.parentId
      : after?.parentId !== undefined && this.#companies.has(after.parentId);
    if (moved) for (const entry of this.#companies.values()) entry.regrouped = true;
  }

  /**
   * Lets go of the least recently used companies no request uses — with their portals and
   * contacts — past `heldCompanies` (down to nine in ten of it, so that one pass serves many
   * loads). Not while a write of this instance is open: it may have changed them.
   */
  #letCompaniesGo(): void {
    if (this.#companies.size <= this.#heldCompanies || this.#writing) return;
    const keep = Math.floor(this.#heldCompanies * 0.9);
    const gone = new Set<string>();
    // A group goes whole, once no request uses any of it.
    for (const [company, entry] of this.#companies) {
      if (this.#companies.size - gone.size <= keep) break;
      if (gone.has(company)) continue;
      const members = [...entry.group].filter((member) => this.#companies.has(member));
      if (members.every((member) => this.#companies.get(member)!.users === 0))
        for (const member of [company, ...members]) gone.add(member);
    }
    if (!gone.size) return;
    for (const company of gone) this.#companies.delete(company);
    const forget = (list: ByCompany, companyOf: (entity: { id: string; companyId?: string }) => string) =>
      this.store.forget(list, (entity) => {
        if (!gone.has(companyOf(entity))) return false;
        this.#heldVersions.delete(`${list}\0${entity.id}`);
        return true;
      });
    forget('companies', (company) => company.id);
    for (const list of OF_COMPANY) forget(list, (entity) => entity.companyId!);
  }

  async reset(world: World): Promise<void> {
    refuseRunnableWorld(world);
    // A new epoch: read again, alone or not — from now (a request meanwhile waits for it) and
    // after it commits.
    this.#markBehind();
    await this.#writes.run(async () => {
      await this.#db.transaction(async (tx) => {
        await lockTenant(tx, this.tenant);
        this.sessions.forgetKept();
        await tx.query('DELETE FROM pk_sessions WHERE tenant_id = $1', [this.tenant]);
        await tx.query('DELETE FROM pk_idempotency WHERE tenant_id = $1', [this.tenant]);
        await replaceTables(tx, this.tenant, world);
      });
      this.#markBehind();
    });
    await settleImport(this.#db);
    await this.refresh();
  }

  async close(): Promise<void> {
    if (this.#here) this.#here.open--;
    this.#here = undefined;
    if (this.#closesDatabase) await this.#db.close();
  }

  /** WRITE_START's parameters: a write of `scope` that caught up to version `since`. */
  #startParams(scope: WriteScope, since: number): unknown[] {
    const portal = scope.kind === 'tenant' ? null : scope.portalId;
    return [this.tenant, portal, since, NOT_HELD, TENANT_LOCK, PORTAL_LOCK];
  }

  /**
   * Brings `store` up to date: all of it the first time and after a new epoch, else the rows
   * changed since `#seen` — read in one statement (one round trip, one snapshot: never half a
   * write), then applied in one synchronous step, skipping what a catch-up running alongside (a
   * request of this instance) applied meanwhile.
   */
  async #catchUp(q: Queryable, locking?: WriteScope): Promise<void> {
    const seen = this.#seen;
    const marks = this.#marks;
    if (seen.epoch === '') {
      // The locks only (nothing is newer than the largest version): the whole world is read next.
      if (locking) await q.query(WRITE_START, this.#startParams(locking, Number.MAX_SAFE_INTEGER));
      return this.#load(q, marks);
    }
    const rows = locking
      ? await q.query<CatchUpRow>(WRITE_START, this.#startParams(locking, seen.version))
      : await q.query<CatchUpRow>(CATCH_UP, [seen.version, this.tenant, NOT_HELD]);
    const headRow = rows.find((row) => row.kind === 'head')!;
    const head: Head = { version: headRow.version, ...(headRow.body as Omit<Head, 'version'>) };
    if (head.epoch !== seen.epoch) return this.#load(q, marks);
    // Synchronous from here: nothing else touches the store until it is done. A request's
    // catch-up that a write of this instance began beside applies nothing (see #writing).
    if (this.#writing && q === this.#db) return;
    const current = this.#seen;
    if (current.epoch !== head.epoch || current.version >= head.version) return;
    const changes = rows
      .filter((row) => row.kind !== 'head')
      .sort((x, y) => x.version - y.version || x.ord - y.ord);
    for (const row of changes)
      if (byCompany(row.list!))
        this.#applyHeld(row.list, row.id!, row.body as { id: string } | null, row.version);
      else this.store.applyEntity(row.list as EntityList, row.id!, row.body as { id: string } | null);
    this.#seen = head;
    if (marks === this.#marks) this.#behind = false;
  }

  /** Loads the whole world in one snapshot (at start, and when another instance reset the data). */
  async #load(q: Queryable, marks = this.#marks): Promise<void> {
    const read = async (tx: Queryable) => {
      const [head] = await tx.query<Head>(
        'SELECT version, next_ord, epoch FROM pk_head WHERE tenant_id = $1',
        [this.tenant],
      );
      return { head: head!, store: await loadStore(tx, this.tenant) };
    };
    // Inside a write (holding the lock) nothing changes meanwhile; else a repeatable-read snapshot.
    const { head, store } =
      q === this.#db
        ? await this.#db.transaction(async (tx) => {
            await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
            return read(tx);
          })
        : await read(q);
    if (this.#seen.epoch === head.epoch && this.#seen.version >= head.version) return;
    if (this.#writing && q === this.#db) return;
    this.store = store;
    this.#seen = head;
    if (marks === this.#marks) this.#behind = false;
    // The new store holds no companies: each is read again when a request needs it.
    for (const entry of this.#companies.values()) entry.loaded = false;
    this.#heldVersions.clear();
  }

  /**
   * Writes the changes of one write, in one statement that takes the next version: the caller
   * holds its scope's locks and caught up to version `caughtUp`. The entities it changes are
   * locked first; one changed since (by a write of another scope) is a `WriteConflict`.
   */
  async #commit(
    tx: Queryable,
    changes: Change[],
    caughtUp: number,
    scope: WriteScope,
  ): Promise<number | undefined> {
    if (changes.length === 0) return undefined;
    const changedEntities = changes.filter((c) => c.kind === 'entity');
    if (changedEntities.length) {
      const newer = await tx.query<{ n: number }>(LOCK_ENTITIES, [
        JSON.stringify(changedEntities.map(({ list, id }) => ({ list, id }))),
        caughtUp,
        this.tenant,
      ]);
      if (newer[0]!.n > 0) throw new WriteConflict('an entity changed meanwhile');
    }
    // Places in lists count on from the head's next one (`COMMIT` adds it): 1, 2, … here.
    let ord = 0;
    const entities: unknown[] = [];
    const records: ReturnType<typeof recordRow>[] = [];
    const appended: unknown[] = [];
    for (const change of changes) {
      ord++;
      if (change.kind === 'entity') {
        const body = change.removed ? null : this.store.entity(change.list, change.id);
        entities.push({ list: change.list, id: change.id, ord, body: body ? JSON.stringify(body) : null });
      } else if (change.kind === 'record') {
        const record = change.removed ? undefined : this.store.record(change.model, change.id);
        records.push(recordRow(this.store.schema.fields(change.model), change.model, change.id, ord, record));
      } else {
        appended.push({ ord, list: change.list, body: JSON.stringify(change.entry) });
      }
    }
    // The lists the records are in that this instance has not seen named (see ENSURE_LISTS).
    const lists = new Map<string, { model: string; company_id: string; portal_id: string; field: string }>();
    for (const row of records) {
      if (row.removed) continue;
      for (const field of Object.keys(JSON.parse(row.order_keys) as object))
        for (const portal_id of row.portal_ids) {
          const list = { model: row.model, company_id: row.company_id, portal_id, field };
          const name = JSON.stringify(list);
          if (!this.#lists.has(name)) lists.set(name, list);
        }
    }
    if (lists.size) await tx.query(ENSURE_LISTS, [JSON.stringify([...lists.values()]), this.tenant]);
    const feed = feedEntries(changes, this.store).map((entry, seq) => ({
      seq,
      kind: entry.kind,
      name: entry.name,
      id: entry.id,
      portal_ids: entry.portalIds,
    }));
    const [head] = await tx.query<{ version: number }>(records.length ? COMMIT.records : COMMIT.entities, [
      JSON.stringify(entities),
      JSON.stringify(records),
      JSON.stringify(appended),
      changes.length,
      scope.kind === 'portal' ? scope.portalId : null,
      JSON.stringify(feed),
      this.tenant,
    ]);
    this.#named = [...lists.keys()];
    return head!.version;
  }
}

/**
 * The parent/child groups of the companies `loading` (read together with their groups, so each
 * group is whole among them), by the parents their rows name: one shared set per group.
 */
function groupsOf(
  loading: ReadonlySet<string>,
  companies: readonly { id: string; parentId?: string }[],
): Map<string, Set<string>> {
  const link = new Map<string, string>([...loading].map((id) => [id, id]));
  const find = (id: string): string => {
    let at = id;
    while (link.get(at) !== at) at = link.get(at)!;
    link.set(id, at);
    return at;
  };
  for (const { id, parentId } of companies)
    if (parentId !== undefined && link.has(parentId) && link.has(id)) link.set(find(id), find(parentId));
  const groups = new Map<string, Set<string>>();
  for (const id of loading) {
    const root = find(id);
    if (!groups.has(root)) groups.set(root, new Set());
    groups.get(root)!.add(id);
  }
  return new Map([...loading].map((id) => [id, groups.get(find(id))!]));
}

/** The tenant $1's head (a read that finds no session to read with it). */
const HEAD = prepared('SELECT version, epoch FROM pk_head WHERE tenant_id = $1');

interface CatchUpRow {
  kind: 'head' | 'entity';
  list: string | null;
  id: string | null;
  ord: number;
  version: number;
  body: unknown;
  removed: boolean;
}

/**
 * A write's start (migration 15): the locks of its scope, held until it ends, then CATCH_UP's
 * rows as they are once the locks are granted — in one round trip.
 */
const WRITE_START = 'SELECT * FROM pk_write_start($1, $2, $3, $4::text[], $5, $6)';

/**
 * Everything an instance of tenant $2 holds committed after version $1 (records, logs and the
 * lists $3 are not held), and the head, in one statement.
 */
const CATCH_UP = `
  SELECT 'head' AS kind, NULL::text AS list, NULL::text AS id, 0::bigint AS ord, version,
         json_build_object('next_ord', next_ord, 'epoch', epoch) AS body, false AS removed
    FROM pk_head WHERE tenant_id = $2
  UNION ALL
  SELECT 'entity', list, id, ord, version, body, false FROM pk_entities
   WHERE tenant_id = $2 AND version > $1 AND list <> ALL($3::text[])`;

/**
 * The head of tenant $1, the companies $2 with the rest of their parent/child groups (`group`
 * rows: every ancestor, and every descendant of those), and those companies' rows and their
 * entities of the lists $3, in one snapshot (a company's entities of a list are one range of
 * `pk_entities_of_company`): the head first, then in list order.
 */
const LOAD_COMPANIES = `
  WITH RECURSIVE up(id, parent) AS (
      SELECT id, body->>'parentId' FROM pk_entities
       WHERE tenant_id = $1 AND list = 'companies' AND id = ANY($2::text[]) AND body IS NOT NULL
    UNION
      SELECT e.id, e.body->>'parentId' FROM up JOIN pk_entities e
        ON e.tenant_id = $1 AND e.list = 'companies' AND e.id = up.parent AND e.body IS NOT NULL
  ), down(id) AS (
      SELECT id FROM up
    UNION
      SELECT e.id FROM down JOIN pk_entities e
        ON e.tenant_id = $1 AND e.list = 'companies' AND (e.body->>'parentId') = down.id
       AND e.body IS NOT NULL
  ), wanted AS (SELECT id FROM down UNION SELECT unnest($2::text[]))
  SELECT 'head' AS list, NULL::text AS id, NULL::json AS body, version, -2::bigint AS ord
    FROM pk_head WHERE tenant_id = $1
  UNION ALL
  SELECT 'group', id, NULL, 0, -1 FROM wanted
  UNION ALL
  SELECT list, id, body, version, ord FROM pk_entities
   WHERE tenant_id = $1 AND list = 'companies' AND id = ANY (ARRAY(SELECT id FROM wanted)) AND body IS NOT NULL
  UNION ALL
  SELECT list, id, body, version, ord FROM pk_entities
   WHERE tenant_id = $1 AND list = ANY($3::text[])
     AND (body->>'companyId') = ANY (ARRAY(SELECT id FROM wanted)) AND body IS NOT NULL
  ORDER BY ord`;

/** The companies of the contacts $2, of the portals $3, and of the portals the contacts $4 are users of. */
const COMPANIES_OF = `
  SELECT body->>'companyId' AS company FROM pk_entities
   WHERE tenant_id = $1 AND list = 'contacts' AND id = ANY($2::text[]) AND body IS NOT NULL
  UNION
  SELECT body->>'companyId' FROM pk_entities
   WHERE tenant_id = $1 AND list = 'portals' AND id = ANY($3::text[]) AND body IS NOT NULL
  UNION
  SELECT e.body->>'companyId' FROM unnest($4::text[]) AS c(id), pk_entities e
   WHERE e.tenant_id = $1 AND e.list = 'portals' AND e.body IS NOT NULL
     AND (e.body->'users')::jsonb @> jsonb_build_array(jsonb_build_object('contactId', c.id))`;

interface RecordRow {
  model: ModelName;
  id: string;
  company_id: string;
  portal_ids: string[];
  fields: DataRecord['fields'];
  removed: boolean;
}

const toRecord = (row: RecordRow): DataRecord => ({
  id: row.id,
  companyId: row.company_id,
  portalIds: row.portal_ids,
  fields: row.fields,
});

function recordRow(
  fields: readonly FieldDef[],
  model: string,
  id: string,
  ord: number,
  record: DataRecord | undefined,
) {
  return {
    model,
    id,
    ord,
    company_id: record?.companyId ?? '',
    portal_ids: record?.portalIds ?? [],
    fields: JSON.stringify(record?.fields ?? {}),
    ...derivedColumns(fields, record),
    removed: !record,
  };
}

// Batches travel as one JSON parameter, expanded by json_to_recordset: one statement per table
// (an import), or the three in one statement (a write's commit, `COMMIT`). `tenant`, `rows`,
// `version` and `base` are SQL expressions: the tenant, the rows' parameter, their version, and
// what their places count on from.
const UPSERT = {
  entities: (
    tenant: string,
    rows: string,
    version: string,
    base = '0',
  ) => `INSERT INTO pk_entities (tenant_id, list, id, ord, version, body)
     SELECT ${tenant}, list, id, ${base} + ord, ${version}, body::json
       FROM json_to_recordset(${rows}::json) AS x(list text, id text, ord bigint, body text)
     ON CONFLICT (tenant_id, list, id) DO UPDATE SET version = excluded.version, body = excluded.body`,
  records: (tenant: string, rows: string, version: string, base = '0') => `INSERT INTO pk_records
       (tenant_id, model, id, ord, version, company_id, portal_ids, fields, sort_keys, search_text,
        order_keys, long_keys, removed)
     SELECT ${tenant}, model, id, ${base} + ord, ${version}, company_id, portal_ids, fields::jsonb,
            sort_keys::jsonb, search_text::jsonb, order_keys::jsonb, long_keys, removed
       FROM json_to_recordset(${rows}::json)
         AS x(model text, id text, ord bigint, company_id text, portal_ids text[], fields text,
              sort_keys text, search_text text, order_keys text, long_keys text[], removed boolean)
     ON CONFLICT (tenant_id, model, id) DO UPDATE SET version = excluded.version,
       -- A removed record keeps its company: a list cursor may still name it (R3 scopes it).
       company_id = CASE WHEN excluded.removed THEN pk_records.company_id ELSE excluded.company_id END,
       portal_ids = excluded.portal_ids, fields = excluded.fields, sort_keys = excluded.sort_keys,
       search_text = excluded.search_text, order_keys = excluded.order_keys,
       long_keys = excluded.long_keys, removed = excluded.removed`,
  // An imported entry, with its place in its portal's log numbered by the import (the tenant's
  // logs are empty then; a place read as `max(pos) + 1` per entry was planned as a scan of the log).
  // The import keeps each log's next place too (`replaceTables`).
  appended: (tenant: string, rows: string, version: string) => `INSERT INTO pk_appended
       (tenant_id, ord, list, version, body, pos)
     SELECT ${tenant}, x.ord, x.list, ${version}, x.body::json, x.pos
       FROM json_to_recordset(${rows}::json) AS x(ord bigint, list text, body text, pos bigint)`,
};

/** The sub-statements of `COMMIT` that keep records' totals, sums and order (see below). */
const KEEP_RECORDS = `
  ), old AS (
    -- The records this write changes as they were (every sub-statement reads one snapshot, the
    -- one before the write's rows; the write holds these rows locked since it loaded them).
    SELECT r.model, r.id, r.ord, r.company_id, r.portal_ids, r.fields, r.order_keys FROM pk_records r
      JOIN json_to_recordset($2::json) AS x(model text, id text)
        ON r.tenant_id = $7 AND r.model = x.model AND r.id = x.id
     WHERE NOT r.removed
  ), counted AS (
    -- The kept totals move by what changed: +1 where a record is now, -1 where it was (in key
    -- order, so two writes moving the same totals lock them in one order).
    INSERT INTO pk_record_counts (tenant_id, model, company_id, portal_id, n)
    SELECT $7, model, company_id, portal_id, sum(d) FROM (
      SELECT x.model, x.company_id, p.portal_id, 1 AS d
        FROM json_to_recordset($2::json) AS x(model text, company_id text, portal_ids text[], removed boolean),
             LATERAL (SELECT DISTINCT portal_id FROM unnest(array_append(x.portal_ids, '')) AS portal_id) p
       WHERE NOT x.removed
      UNION ALL
      SELECT o.model, o.company_id, p.portal_id, -1
        FROM old o, LATERAL (SELECT DISTINCT portal_id FROM unnest(array_append(o.portal_ids, '')) AS portal_id) p
    ) moved
    GROUP BY model, company_id, portal_id HAVING sum(d) <> 0
    ORDER BY model, company_id, portal_id
    ON CONFLICT (tenant_id, model, company_id, portal_id) DO UPDATE SET n = pk_record_counts.n + excluded.n
  ), summed AS (
    -- The kept sums move the same way: each number a record now holds in a portal is added, each
    -- it held there is taken away (an edit that leaves the numbers as they were moves nothing).
    INSERT INTO pk_record_sums (tenant_id, model, company_id, portal_id, field, total, n)
    SELECT $7, model, company_id, portal_id, field, sum(v), sum(d) FROM (
      SELECT x.model, x.company_id, p.portal_id, f.key AS field, f.value::numeric AS v, 1 AS d
        FROM json_to_recordset($2::json) AS x(model text, company_id text, portal_ids text[], fields text, removed boolean),
             LATERAL (SELECT DISTINCT portal_id FROM unnest(x.portal_ids) AS portal_id) p,
             LATERAL jsonb_each(x.fields::jsonb) f
       WHERE NOT x.removed AND jsonb_typeof(f.value) = 'number'
      UNION ALL
      SELECT o.model, o.company_id, p.portal_id, f.key, -(f.value::numeric), -1
        FROM old o, LATERAL (SELECT DISTINCT portal_id FROM unnest(o.portal_ids) AS portal_id) p,
             LATERAL jsonb_each(o.fields) f
       WHERE jsonb_typeof(f.value) = 'number'
    ) moved
    GROUP BY model, company_id, portal_id, field HAVING sum(d) <> 0 OR sum(v) <> 0
    ORDER BY model, company_id, portal_id, field
    ON CONFLICT (tenant_id, model, company_id, portal_id, field) DO UPDATE
      SET total = pk_record_sums.total + excluded.total, n = pk_record_sums.n + excluded.n
  ), order_now AS (
    -- The records' rows in each field's order (pk_record_order) as they are now, and as they
    -- were: only the difference is written (an edit of one field moves that field's rows). The
    -- lists they are in are named before this statement (ENSURE_LISTS).
    SELECT r.model, r.company_id, p.portal_id, f.key AS field, f.value COLLATE "C" AS k, r.ord
      FROM records r, LATERAL (SELECT DISTINCT portal_id FROM unnest(r.portal_ids) AS portal_id) p,
           LATERAL jsonb_each_text(r.order_keys) f
     WHERE NOT r.removed
  ), order_was AS (
    SELECT o.model, o.company_id, p.portal_id, f.key AS field, f.value COLLATE "C" AS k, o.ord
      FROM old o, LATERAL (SELECT DISTINCT portal_id FROM unnest(o.portal_ids) AS portal_id) p,
           LATERAL jsonb_each_text(o.order_keys) f
  ), unordered AS (
    DELETE FROM pk_record_order t
     USING (SELECT * FROM order_was EXCEPT SELECT * FROM order_now) gone
     WHERE t.tenant_id = $7 AND t.k = gone.k AND t.ord = gone.ord
       AND t.list = (SELECT l.id FROM pk_order_lists l WHERE l.tenant_id = $7 AND l.model = gone.model
                       AND l.company_id = gone.company_id AND l.portal_id = gone.portal_id AND l.field = gone.field)
  ), ordered AS (
    INSERT INTO pk_record_order (tenant_id, list, k, ord)
    SELECT $7, (SELECT l.id FROM pk_order_lists l WHERE l.tenant_id = $7 AND l.model = came.model
                   AND l.company_id = came.company_id AND l.portal_id = came.portal_id AND l.field = came.field),
           came.k, came.ord
      FROM (SELECT * FROM order_now EXCEPT SELECT * FROM order_was) came
    ON CONFLICT DO NOTHING
`;

/**
 * `COMMIT`'s log entries ($3, of tenant $7): each portal's log moves its next place
 * (`pk_log_places`) past the entries appended to it, which take the places before it, in order;
 * an entry with no portal is placed as before migration 17 (from 0 within its write).
 */
const PLACE_ENTRIES = `
    INSERT INTO pk_log_places AS l (tenant_id, list, portal_id, next_pos)
    SELECT $7, y.list, y.portal, count(*)
      FROM (SELECT x.list, x.body::json->>'portalId' AS portal
              FROM json_to_recordset($3::json) AS x(list text, body text)) y
     WHERE y.portal IS NOT NULL
     GROUP BY y.list, y.portal
     ORDER BY y.list, y.portal
    ON CONFLICT (tenant_id, list, portal_id) DO UPDATE SET next_pos = l.next_pos + excluded.next_pos
    RETURNING list, portal_id, next_pos`;
const APPEND_ENTRIES = `
    INSERT INTO pk_appended (tenant_id, ord, list, version, body, pos)
    SELECT $7, (SELECT base FROM head) + y.ord, y.list, (SELECT version FROM head), y.body::json,
           coalesce(p.next_pos - count(*) OVER (PARTITION BY y.list, y.portal), 0)
             + row_number() OVER (PARTITION BY y.list, y.portal ORDER BY y.ord) - 1
      FROM (SELECT x.ord, x.list, x.body, x.body::json->>'portalId' AS portal
              FROM json_to_recordset($3::json) AS x(ord bigint, list text, body text)) y
      LEFT JOIN placed p ON p.list = y.list AND p.portal_id = y.portal`;

/**
 * One write's rows and its version, in one statement (data-modifying CTEs) of tenant $7: $1
 * entities, $2 records, $3 appended entries (JSON batches, places 1…$4), and what the feed says
 * of them ($6, for the portal $5 or the tenant). The tenant's head row is updated first and
 * stays locked until COMMIT, so the next write's version is taken after this one committed: a
 * catch-up that sees a version sees every version below it.
 */
const commitSql = (records: boolean) => `
  WITH head AS (
    UPDATE pk_head SET version = version + 1, next_ord = next_ord + $4 WHERE tenant_id = $7
    RETURNING version, next_ord - $4 AS base
  ), entities AS (${UPSERT.entities('$7', '$1', '(SELECT version FROM head)', '(SELECT base FROM head)')}
  ), records AS (${UPSERT.records('$7', '$2', '(SELECT version FROM head)', '(SELECT base FROM head)')}
    RETURNING model, id, ord, company_id, portal_ids, order_keys, removed
  ), placed AS (${PLACE_ENTRIES}
  ), appended AS (${APPEND_ENTRIES}
${records ? KEEP_RECORDS : ''}  ), feed AS (
    INSERT INTO pk_changes (tenant_id, version, seq, portal_id, kind, name, id, portal_ids)
    SELECT $7, (SELECT version FROM head), seq, $5, kind, name, id, portal_ids
      FROM json_to_recordset($6::json) AS x(seq int, kind text, name text, id text, portal_ids text[])
  )
  SELECT version FROM head`;
/**
 * One that changes no record leaves out what keeps them. Prepared: its plan follows its keys, not
 * its values, and parsing and planning it cost twice what running it does (named, a write to one
 * instance went from ~120 to ~185 a second).
 */
const COMMIT = { records: prepared(commitSql(true)), entities: prepared(commitSql(false)) };

/**
 * Locks the entities of tenant $3 a write changes ($1: list and id each, in one order so two
 * writes cannot wait for each other) and counts those committed after version $2.
 */
const LOCK_ENTITIES = `
  WITH locked AS (
    SELECT e.version FROM pk_entities e
      JOIN json_to_recordset($1::json) AS x(list text, id text)
        ON e.tenant_id = $3 AND e.list = x.list AND e.id = x.id
     ORDER BY e.list, e.id
       FOR UPDATE OF e
  )
  SELECT count(*) FILTER (WHERE version > $2)::int AS n FROM locked`;

/**
 * Names the lists of tenant $2 that a write's records are in ($1: model, company, portal and field
 * each) when they have no number yet — a statement of its own before `COMMIT`, which reads them:
 * a list another write names at the same time is waited for, then seen.
 */
const ENSURE_LISTS = `
  INSERT INTO pk_order_lists (tenant_id, model, company_id, portal_id, field)
  SELECT $2, model, company_id, portal_id, field
    FROM json_to_recordset($1::json) AS x(model text, company_id text, portal_id text, field text)
   ORDER BY 2, 3, 4, 5
  ON CONFLICT DO NOTHING`;

async function insertBatch(
  tx: Queryable,
  tenant: string,
  table: keyof typeof UPSERT,
  rows: unknown[],
  version: number,
) {
  if (rows.length) await tx.query(UPSERT[table]('$3', '$1', '$2'), [JSON.stringify(rows), version, tenant]);
}

/** Takes the tenant's lock exclusively (see TENANT_LOCK), held until the transaction ends. */
async function lockTenant(tx: Queryable, tenant: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TENANT_LOCK, tenant]);
}

/** The tables a reset empties of the tenant's rows, in the order their locks are taken. */
const DATA_TABLES =
  'pk_entities, pk_records, pk_record_counts, pk_record_sums, pk_record_order, pk_appended, pk_log_places, pk_blobs, pk_changes';

/** The tables an instance on PGlite vacuums (see `#vacuumWhenDue`): every one its writes change. */
const VACUUMED = [
  ...DATA_TABLES.split(', '),
  'pk_order_lists',
  'pk_head',
  'pk_sessions',
  'pk_used_jti',
  'pk_idempotency',
];

/** Autovacuum's default rule: 50 changes, and 20 % of the rows the records and entities hold. */
async function vacuumThreshold(db: Queryable): Promise<number> {
  const [row] = await db.query<{ rows: number }>(
    `SELECT coalesce(sum(greatest(reltuples, 0)), 0)::float8 AS rows FROM pg_class
      WHERE relname IN ('pk_records', 'pk_entities') AND relkind = 'r'`,
  );
  return 50 + 0.2 * row!.rows;
}

/**
 * Whether any data table holds a row of another tenant (written or only uploaded: a tenant
 * without a world may hold rows too) — two index probes a table, either side of this tenant.
 */
async function othersHold(tx: Queryable, tenant: string): Promise<boolean> {
  const probes = DATA_TABLES.split(', ').flatMap((table) =>
    ['<', '>'].map((side) => `EXISTS (SELECT 1 FROM ${table} WHERE tenant_id ${side} $1)`),
  );
  const [row] = await tx.query<{ held: boolean }>(`SELECT ${probes.join(' OR ')} AS held`, [tenant]);
  return row!.held;
}

/** Empties the tenant's rows of every data table. */
async function emptyTables(tx: Queryable, tenant: string): Promise<void> {
  if (!(await othersHold(tx, tenant))) {
    // Alone in the database: TRUNCATE, not DELETE, leaves no dead rows for every later query to
    // step over. Only with the tables locked at once (NOWAIT: a lock waited for would stop every
    // other tenant's statements behind it), and decided again then; else the locks go back.
    await tx.query('SAVEPOINT alone');
    try {
      await tx.query(`LOCK TABLE ${DATA_TABLES} IN ACCESS EXCLUSIVE MODE NOWAIT`);
      if (!(await othersHold(tx, tenant))) {
        await tx.query(`TRUNCATE ${DATA_TABLES}`);
        await tx.query('RELEASE SAVEPOINT alone');
        return;
      }
    } catch (error) {
      // 55P03: another transaction uses the tables now.
      if ((error as { code?: string }).code !== '55P03') throw error;
    }
    await tx.query('ROLLBACK TO SAVEPOINT alone');
  }
  for (const table of DATA_TABLES.split(', '))
    await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenant]);
}

/** Replaces the tenant's rows of every table with `world`, in list order, as a new epoch. */
async function replaceTables(tx: Queryable, tenant: string, given: World): Promise<void> {
  await emptyTables(tx, tenant);
  // Files' inline bytes go to the blob table; the stored files keep their keys (the caller's
  // world is left as it was).
  const world = { ...given, files: given.files.map((f) => ({ ...f })) };
  const blobs: [string, Uint8Array][] = [];
  takeInlineContent(world.files, (key, bytes) => blobs.push([key, bytes]));
  for (const [key, bytes] of blobs) await putBlob(tx, tenant, key, bytes);
  let ord = 0;
  const entities: unknown[] = [
    { list: 'tenant', id: world.tenant.id, ord: ord++, body: JSON.stringify(world.tenant) },
  ];
  for (const list of ENTITY_LISTS)
    for (const entity of world[list] as { id: string }[]) {
      // R8: a document's body is stored sanitised (an instance reads it as stored, per request).
      const stored =
        list === 'documents'
          ? { ...entity, body: sanitizeStoredHtml((entity as DocumentEntry).body) }
          : entity;
      entities.push({ list, id: entity.id, ord: ord++, body: JSON.stringify(stored) });
    }
  const records: unknown[] = [];
  const schema = new Schema(world.models);
  for (const [model, list] of Object.entries(world.records))
    for (const record of list) records.push(recordRow(schema.fields(model), model, record.id, ord++, record));
  // Each log's entries take places 0, 1, 2… per portal, in the order the world lists them; the
  // count of a portal's log is its next place (kept in `pk_log_places`).
  const appended: unknown[] = [];
  const places: unknown[] = [];
  for (const list of ['activity', 'audit'] as const) {
    const next = new Map<string, number>();
    for (const entry of world[list]) {
      const pos = next.get(entry.portalId) ?? 0;
      next.set(entry.portalId, pos + 1);
      appended.push({ ord: ord++, list, body: JSON.stringify(entry), pos });
    }
    for (const [portal_id, next_pos] of next) places.push({ list, portal_id, next_pos });
  }
  for (let i = 0; i < entities.length; i += BATCH)
    await insertBatch(tx, tenant, 'entities', entities.slice(i, i + BATCH), 1);
  for (let i = 0; i < records.length; i += BATCH)
    await insertBatch(tx, tenant, 'records', records.slice(i, i + BATCH), 1);
  await tx.query(COUNT_RECORDS('r.tenant_id = $1'), [tenant]);
  await tx.query(SUM_RECORDS('r.tenant_id = $1'), [tenant]);
  await tx.query(ORDER_LISTS('r.tenant_id = $1'), [tenant]);
  await tx.query(ORDER_RECORDS('r.tenant_id = $1'), [tenant]);
  for (let i = 0; i < appended.length; i += BATCH)
    await insertBatch(tx, tenant, 'appended', appended.slice(i, i + BATCH), 1);
  for (let i = 0; i < places.length; i += BATCH)
    await tx.query(
      `INSERT INTO pk_log_places (tenant_id, list, portal_id, next_pos)
       SELECT $2, list, portal_id, next_pos
         FROM json_to_recordset($1::json) AS x(list text, portal_id text, next_pos bigint)`,
      [JSON.stringify(places.slice(i, i + BATCH)), tenant],
    );
  // A new epoch (instances load it whole), and the feed starts again: positions go on (a reader
  // never meets one twice) and none before now can be read on from.
  await tx.query(
    `UPDATE pk_head SET version = version + 1, feed_floor = version + 1, next_ord = $1, epoch = $2
      WHERE tenant_id = $3`,
    [ord, crypto.randomUUID(), tenant],
  );
  // Fresh statistics, so the first queries on the new data get good plans.
  await tx.query('ANALYZE pk_entities, pk_records, pk_order_lists, pk_record_order, pk_appended');
}

/**
 * After an import commits: its rows' pages marked all-visible, so the counts and sorts that read
 * only the fields' order (index-only scans) do not visit every row's page too — until autovacuum
 * would come by, which on PGlite never does. Outside the import's transaction (VACUUM cannot run
 * in one); it takes no lock that stops reads or writes.
 */
async function settleImport(db: Queryable): Promise<void> {
  // Analysed too: the planner's first plans on the new rows follow their statistics, not whenever
  // autovacuum's analyse happens to come (a filtered count read the whole order before it did).
  await db.query('VACUUM (ANALYZE) pk_records, pk_record_order');
}

/** The world's entities from the tables, in the order they were written. */
async function loadStore(tx: Queryable, tenant: string): Promise<Store> {
  const world = emptyWorld() as World & Record<string, unknown>;
  const entities = await tx.query<{ list: string; body: unknown }>(
    `SELECT list, body FROM pk_entities
      WHERE tenant_id = $1 AND body IS NOT NULL AND list = ANY($2::text[]) ORDER BY ord`,
    [tenant, LOADED],
  );
  for (const { list, body } of entities) {
    if (list === 'tenant') world.tenant = body as World['tenant'];
    else (world[list as EntityList] as unknown[]).push(body);
  }
  // Records, logs, comments and the companies' lists stay in the tables (see the top of this
  // file); the models are known.
  for (const model of world.models) world.records[model.id] = [];
  return new Store(world, { keepLogs: false });
}

function emptyWorld(): World {
  return {
    tenant: { id: '', name: '' },
    ...(Object.fromEntries(ENTITY_LISTS.map((list) => [list, []])) as Record<EntityList, never[]>),
    records: {},
    activity: [],
    audit: [],
  } as World;
}
