// `@portalkit/backend`: the backend a vendor runs — the rules engine over a storage, as one
// fetch-standard handler (`handle(Request) → Promise<Response>`), with a Node `http` adapter and
// the import of the vendor's data. Nothing here knows the demo: no development keys, no demo world.
//
//   const backend = await createBackend({ keys, world });          // PGlite in ./.portalkit-data
//   const backend = await createBackend({ keys, storage: { url: process.env.DATABASE_URL } });
//   http.createServer(nodeHandler(backend)).listen(8787);
import { mkdirSync } from 'node:fs';
import { checkVerifyKeys, type LaunchKey } from '../../src/shared/launch-token.js';
import { Backend, type BackendOptions } from './http/backend.js';
import { Tenants } from './http/tenants.js';
import type { DataStorage } from './ports/storage.js';
import { MemoryStorage } from './storage/memory/storage.js';
import { openDatabase, type Database } from './storage/postgres/database.js';
import { PostgresStorage } from './storage/postgres/storage.js';
import type { World } from './world/schema.js';

/**
 * Where the data lives: an open storage, in memory, a PostgreSQL server, or a PGlite folder —
 * and, in a database, whose it is (`tenant`, default `'default'`: one database holds several).
 */
export type StorageSpec =
  | DataStorage
  | 'memory'
  | { url?: string; dir?: string; tenant?: string; prepare?: boolean; poolSize?: number };

export interface CreateBackendOptions extends Omit<BackendOptions, 'storage' | 'keys'> {
  /**
   * The launch-token verification keys: public EC JWKs (`{ kty: 'EC', crv: 'P-256', x, y, kid,
   * alg: 'ES256' }`) or HS256 secrets (`{ kty: 'oct', k, kid, alg: 'HS256' }`), as an array or a
   * JWKS (`{ keys: [...] }`, what `npx portalkit keygen` writes). Checked here: a wrong key fails
   * now, naming the expected shape.
   */
  keys: readonly LaunchKey[] | { keys: readonly LaunchKey[] };
  /**
   * Default: the server at `DATABASE_URL` when it is set, else PGlite persisted in
   * `./.portalkit-data`.
   */
  storage?: StorageSpec;
  /** The world to start from when the storage holds none yet (required in memory). */
  world?: World;
}

export const DEFAULT_DATA_DIR = '.portalkit-data';

/** Opens a storage: migrations applied, `world` imported when the database holds no world yet. */
export async function openStorage(spec: StorageSpec | undefined, world?: World): Promise<DataStorage> {
  if (spec && typeof spec === 'object' && 'store' in spec) return spec;
  if (spec === 'memory') {
    if (!world) throw new Error('@portalkit/backend: a memory storage needs a world to start from.');
    return new MemoryStorage(world);
  }
  const options = { ...(world ? { world } : {}), ...(spec?.tenant ? { tenant: spec.tenant } : {}) };
  return PostgresStorage.open(await databaseOf(spec), options);
}

/** The database `where` names: its URL, else DATABASE_URL (unless a folder is given), else PGlite. */
async function databaseOf(
  where: { url?: string; dir?: string; prepare?: boolean; poolSize?: number } | undefined,
): Promise<Database> {
  const url = where?.url ?? (where?.dir ? undefined : process.env.DATABASE_URL || undefined);
  // PORTALKIT_PREPARED_STATEMENTS=off: behind a pooler that carries no prepared statements.
  const prepare = where?.prepare ?? process.env.PORTALKIT_PREPARED_STATEMENTS !== 'off';
  if (url) return openDatabase({ url, prepare, ...poolSizeOf(where?.poolSize) });
  const dir = where?.dir ?? DEFAULT_DATA_DIR;
  // PGlite creates its own folder but not the folders above it.
  mkdirSync(dir, { recursive: true });
  return openDatabase({ dir });
}

/** The pool size given, else PORTALKIT_DB_POOL_SIZE's (digits only), else none (the default). */
function poolSizeOf(given: number | undefined): { poolSize?: number } {
  if (given !== undefined) return { poolSize: given };
  const pooled = process.env.PORTALKIT_DB_POOL_SIZE;
  if (!pooled) return {};
  if (!/^[1-9][0-9]{0,5}$/.test(pooled))
    throw new TypeError(
      `portalkit: PORTALKIT_DB_POOL_SIZE must be a whole number of connections, 1 or more; got ${JSON.stringify(pooled)}`,
    );
  return { poolSize: Number(pooled) };
}

export async function createBackend(options: CreateBackendOptions): Promise<Backend> {
  const { storage, world, keys, ...rest } = options;
  const checked = await checkVerifyKeys(keys);
  return new Backend({ ...rest, keys: checked, storage: await openStorage(storage, world) });
}

/** One tenant of `createTenants`: its id, its launch-token keys, and the world it starts from. */
export interface TenantOptions {
  id: string;
  keys: CreateBackendOptions['keys'];
  world?: World;
}

/**
 * Several tenants on one database (a server, or one PGlite folder), behind one handler: a launch
 * token goes to the tenant its key belongs to, a session to the tenant its token names.
 *
 *   const tenants = await createTenants({ tenants: [{ id: 'acme', keys: acmeKeys }, …] });
 *   http.createServer(nodeHandler(tenants)).listen(8787);
 */
export async function createTenants(
  options: Omit<CreateBackendOptions, 'keys' | 'storage' | 'world'> & {
    tenants: readonly TenantOptions[];
    storage?: { url?: string; dir?: string; prepare?: boolean; poolSize?: number };
  },
): Promise<Tenants> {
  const { tenants, storage, ...rest } = options;
  const db = await databaseOf(storage);
  const backends: Backend[] = [];
  try {
    for (const tenant of tenants) {
      const keys = await checkVerifyKeys(tenant.keys);
      const opened = await PostgresStorage.open(db, {
        tenant: tenant.id,
        closesDatabase: false,
        ...(tenant.world ? { world: tenant.world } : {}),
      });
      backends.push(new Backend({ ...rest, keys, storage: opened }));
    }
    return new Tenants(backends, () => db.close());
  } catch (error) {
    await db.close();
    throw error;
  }
}

export { Backend } from './http/backend.js';
export { Tenants } from './http/tenants.js';
export { DEFAULT_TENANT } from './ports/storage.js';
export type { BackendOptions } from './http/backend.js';
export { nodeHandler, nodeServer, type NodeHandlerOptions } from './adapters/node.js';
export { createRateLimit, DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits } from './http/rate-limit.js';
export { openDatabase } from './storage/postgres/database.js';
export { PostgresStorage } from './storage/postgres/storage.js';
export { MemoryStorage } from './storage/memory/storage.js';
export type { DataStorage } from './ports/storage.js';
export { MIGRATIONS, migrate } from './storage/postgres/migrations.js';
export { parseWorld, WorldError, type World } from './world/schema.js';
export { importWorld, loadWorldFile, upsert, Upserts } from './import.js';
export type { LaunchKey } from '../../src/shared/launch-token.js';
