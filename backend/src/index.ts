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
import type { DataStorage } from './ports/storage.js';
import { MemoryStorage } from './storage/memory/storage.js';
import { openDatabase } from './storage/postgres/database.js';
import { PostgresStorage } from './storage/postgres/storage.js';
import type { World } from './world/schema.js';

/** Where the data lives: an open storage, in memory, a PostgreSQL server, or a PGlite folder. */
export type StorageSpec = DataStorage | 'memory' | { url?: string; dir?: string };

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
  const url = spec?.url ?? (spec?.dir ? undefined : process.env.DATABASE_URL || undefined);
  if (url) return PostgresStorage.open(await openDatabase({ url }), world ? { world } : {});
  const dir = spec?.dir ?? DEFAULT_DATA_DIR;
  // PGlite creates its own folder but not the folders above it.
  mkdirSync(dir, { recursive: true });
  return PostgresStorage.open(await openDatabase({ dir }), world ? { world } : {});
}

export async function createBackend(options: CreateBackendOptions): Promise<Backend> {
  const { storage, world, keys, ...rest } = options;
  const checked = await checkVerifyKeys(keys);
  return new Backend({ ...rest, keys: checked, storage: await openStorage(storage, world) });
}

export { Backend } from './http/backend.js';
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
