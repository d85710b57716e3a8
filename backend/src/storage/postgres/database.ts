// One small SQL interface over the two ways portalkit reaches PostgreSQL: the `pg` driver against
// a server (`DATABASE_URL`) and PGlite, PostgreSQL compiled to WebAssembly and run in this process,
// persisted to a folder. Everything above this file writes the same SQL for both.
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import type * as PgModule from 'pg';
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
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Its
   * first statement carries no person's data (on a server its values are written into the text
   * sent with BEGIN, which the server's log shows when it fails): a write's locks come first.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The database itself (the pool, or the PGlite), the same object however this one is wrapped:
   * storages of one tenant on it know each other by it. Without it, by this object.
   */
  readonly engine?: object;
}

export interface DatabaseOptions {
  /** A PostgreSQL server (`postgres://…`). Without one, PGlite is used. */
  url?: string;
  /** PGlite's folder; without one PGlite keeps the database in memory (tests). */
  dir?: string;
  /**
   * Whether a server keeps the statements marked `prepared` prepared on each connection (default:
   * yes). Say no behind a pooler in transaction mode that does not carry prepared statements
   * (PgBouncer before 1.21, or with `max_prepared_statements = 0`).
   */
  prepare?: boolean;
  /**
   * How many connections a server's pool opens at most (default 10). Every instance opens its
   * own: together they do best at about twice the database's cores (more wait on each other's
   * CPU inside the server, and a write's statements wait behind the reads).
   */
  poolSize?: number;
}

/** The names of the statements marked `prepared`, by their text. */
const PREPARED = new Map<string, string>();

/**
 * Marks a statement a server prepares once per connection and then runs by name: one whose plan
 * does not depend on its values (rows found by their whole key, JSON batches), so the generic
 * plan a prepared statement settles on is the plan each run would get. Parsing and planning such
 * a statement cost more than running it: a read's head and session, named, took a PostgreSQL
 * server 0.75 ms of CPU per read of a list instead of 1.07, and a write's commit 1.2 ms instead
 * of 3.4. Lists, counts and aggregates stay unnamed (see `openServer`).
 */
export function prepared(text: string): string {
  if (!PREPARED.has(text)) PREPARED.set(text, `pk_${PREPARED.size + 1}`);
  return text;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.url
    ? await openServer(options.url, options.prepare ?? true, options.poolSize ?? 10)
    : await openPglite(options.dir);
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

async function openServer(url: string, prepare: boolean, poolSize: number): Promise<Database> {
  if (!Number.isInteger(poolSize) || poolSize < 1)
    throw new TypeError(
      `portalkit: poolSize must be a whole number of connections, 1 or more; got ${poolSize}`,
    );
  const { default: pg } = await import('pg');
  // bigint (int8) as a JS number: our counters stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  // A server that does not answer fails the start within seconds instead of hanging it.
  const pool: Pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    // No JIT: our statements are short and indexed, but the planner's estimates for a tenant of a
    // million contacts cross jit_above_cost, and compiling took 42 ms of a 64 ms read of a
    // company (the server's default is on). Set on each new connection before it serves a query
    // (pg-pool awaits `onConnect`); a server or pooler that refuses it is left as it is.
    onConnect: async (client) => {
      await client.query('SET jit = off').catch(() => {});
    },
  });
  // Unnamed statements but those marked `prepared`: each execution is planned for its own values.
  // One statement serves a tenant of ten records and one of a million, and the generic plan a
  // named (prepared) statement settles on after five runs, chosen for one, cost the other 5× per
  // page; planning a list's statement costs far less than that.
  const run = async <Row>(client: Pool | PoolClient, text: string, params?: readonly unknown[]) => {
    const name = prepare ? PREPARED.get(text) : undefined;
    const values = (params ?? []) as unknown[];
    return (
      await (name
        ? client.query({ name, text, values })
        : values.length
          ? client.query(text, values)
          : client.query(text))
    ).rows as Row[];
  };
  return {
    kind: 'postgres',
    engine: pool,
    where: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    query: (text, params) => run(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      // BEGIN goes with the first statement: a write's transaction takes one round trip fewer
      // (its first statement takes its locks, then every round trip is a wait they are held).
      // Open from the moment BEGIN is sent: a transaction that fails meanwhile still rolls back.
      let open = false;
      try {
        const result = await work({
          async query<Row>(text: string, params?: readonly unknown[]) {
            if (open) return run<Row>(client, text, params);
            open = true;
            const joined = inlined(pg, text, params);
            if (joined !== undefined) return lastRows<Row>(await client.query(`${BEGIN}; ${joined}`));
            await client.query(BEGIN);
            return run<Row>(client, text, params);
          },
          exec: async (script) => {
            // A script has no parameters: BEGIN goes with it as it is.
            const first = !open;
            open = true;
            await client.query(first ? `${BEGIN}; ${script}` : script);
          },
        });
        if (open) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (open) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

// Read committed whatever the server's or role's default: the storage takes its locks, then
// reads what committed before it got them (a snapshot from before would miss it).
const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

type Pg = typeof PgModule.default;
/** pg's own conversion of a parameter to its text (exported, not typed). */
interface PgUtils {
  utils: { prepareValue(value: unknown): unknown };
}

/** A first statement larger than this, values written in, goes in a round trip of its own. */
const INLINE_LIMIT = 64 * 1024;

/**
 * `text` with its parameters written in as literals (pg's own escaping), so that it can share a
 * round trip with BEGIN (the simple protocol takes several statements, but no parameters). Only
 * placeholders are replaced: comments, string constants and quoted names are copied as they are.
 * Undefined — sent as parameters instead — when the result would pass
 * INLINE_LIMIT, a value is bytes, or the text holds what this reading does not follow (block
 * comments, dollar quoting, prefixed strings such as E'…'). A parameter used twice is resolved per
 * use; every statement sent this way uses each of its parameters in one type context.
 */
export function inlined(pg: Pg, text: string, params: readonly unknown[] = []): string | undefined {
  const literals: string[] = [];
  let size = text.length;
  for (const param of params) {
    const value = (pg as unknown as PgUtils).utils.prepareValue(param);
    if (value === null) {
      literals.push('NULL');
      continue;
    }
    if (typeof value !== 'string') return undefined; // bytes
    size += value.length;
    if (size > INLINE_LIMIT) return undefined;
    literals.push(pg.escapeLiteral(value));
  }
  let out = '';
  let at = 0;
  /** The end of a quoted run opened at `start` by `quote` (a doubled one is inside it). */
  const closing = (start: number, quote: string) => {
    for (let i = start + 1; ; i += 2) {
      i = text.indexOf(quote, i);
      if (i < 0 || text[i + 1] !== quote) return i;
    }
  };
  while (at < text.length) {
    const c = text[at]!;
    let end = at + 1;
    if (c === '-' && text[at + 1] === '-') {
      end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
    } else if (c === "'" || c === '"') {
      if (c === "'" && /[A-Za-z0-9_&]/.test(text[at - 1] ?? '')) return undefined;
      const close = closing(at, c);
      if (close < 0) return undefined;
      end = close + 1;
    } else if (c === '/' && text[at + 1] === '*') {
      return undefined;
    } else if (c === '$') {
      const placeholder = /^\$(\d+)/.exec(text.slice(at, at + 12));
      if (!placeholder || /[A-Za-z0-9_$]/.test(text[at - 1] ?? '')) return undefined;
      const literal = literals[Number(placeholder[1]) - 1];
      if (literal === undefined) return undefined;
      out += literal;
      at += placeholder[0].length;
      continue;
    }
    out += text.slice(at, end);
    at = end;
  }
  return out.length > INLINE_LIMIT ? undefined : out;
}

/** The rows of a simple query's last statement (`BEGIN; SELECT …` answers one result each). */
function lastRows<Row>(results: unknown): Row[] {
  return (results as { rows: Row[] }[]).at(-1)!.rows;
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
    engine: db,
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
