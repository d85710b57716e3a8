// One small SQL interface over the two ways portalkit reaches PostgreSQL: the `pg` driver against
// a server (`DATABASE_URL`) and PGlite, PostgreSQL compiled to WebAssembly and run in this process,
// persisted to a folder. Everything above this file writes the same SQL for both.
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { lockFolder } from './folder-lock.js';

/** Runs SQL with `$1…` parameters; rows come back as plain objects. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  /** `postgres` (a server through `pg`) or `pglite` (in process). */
  readonly kind: 'postgres' | 'pglite';
  /** Where it lives, for log lines: the URL without its password, or the folder. */
  readonly where: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server (`postgres://…`). Without one, PGlite is used. */
  url?: string;
  /** PGlite's folder; without one PGlite keeps the database in memory (tests). */
  dir?: string;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.url ? await openServer(options.url) : await openPglite(options.dir);
}

/** Whether a PostgreSQL server answers at `url` within a second (tests skip the server when not). */
export async function serverAnswers(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function openServer(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // bigint (int8) as a JS number: our counters stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  // A server that does not answer fails the start within seconds instead of hanging it.
  const pool: Pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // No JIT: our statements are short and indexed, but the planner's estimates for a tenant of a
    // million contacts cross jit_above_cost, and compiling took 42 ms of a 64 ms read of a
    // company (the server's default is on). Set on each new connection before it serves a query
    // (pg-pool awaits `onConnect`); a server or pooler that refuses it is left as it is.
    onConnect: async (client) => {
      await client.query('SET jit = off').catch(() => {});
    },
  });
  // Unnamed statements: each execution is planned for its own values. One statement serves a
  // tenant of ten records and one of a million, and the generic plan a named (prepared) statement
  // settles on after five runs, chosen for one, cost the other 5× per page; planning our short
  // statements costs far less. (A pooler in transaction mode needs no prepared-statement support.)
  const run = async <Row>(client: Pool | PoolClient, text: string, params?: readonly unknown[]) =>
    (await (params?.length ? client.query(text, params as unknown[]) : client.query(text))).rows as Row[];
  return {
    kind: 'postgres',
    where: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    query: (text, params) => run(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      try {
        // Read committed whatever the server's or role's default: the storage takes its locks,
        // then reads what committed before it got them (a snapshot from before would miss it).
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await work({
          query: (text, params) => run(client, text, params),
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const unlock = dir ? lockFolder(dir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dir ?? 'memory://', {
      parsers: { 20: (value: string) => Number(value) },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const run = async <Row>(client: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) =>
    (await client.query<Row>(text, params as unknown[])).rows;
  return {
    kind: 'pglite',
    where: dir ?? 'memory',
    query: (text, params) => run(db, text, params),
    exec: async (script) => void (await db.exec(script)),
    async transaction(work) {
      const result = await db.transaction((tx) =>
        work({
          query: (text, params) => run(tx, text, params),
          exec: async (script) => void (await tx.exec(script)),
        }),
      );
      // PGlite syncs its files after a single statement but not after a transaction's COMMIT
      // (electric-sql/pglite#1065). On Node that sync is a no-op today (its file system writes
      // through at once); on a file system that buffers, this is what puts an acknowledged write
      // on disk.
      await db.syncToFs();
      return result;
    },
    close: async () => {
      await db.close();
      unlock();
    },
  };
}
