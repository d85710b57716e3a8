// `portalkit/backend`: the reference backend a vendor runs — the rules engine over a storage, as
// one fetch-standard handler (`handle(Request) → Promise<Response>`), with a Node `http` adapter.
//
//   const backend = await createBackend({ keys, world });          // PGlite in ./.portalkit-data
//   const backend = await createBackend({ keys, storage: { url: process.env.DATABASE_URL } });
//   http.createServer(nodeHandler(backend)).listen(8787);
import * as z from 'zod/mini';
import { Backend, type BackendOptions } from '../http/backend.js';
import { openDatabase } from '../storage/database.js';
import { PostgresStorage } from '../storage/postgres.js';
import { MemoryStorage, type DataStorage } from '../storage/storage.js';
import { isModelName, type ModelName } from '../world/models.js';
import { Company, Contact, DataRecord, parseWorld, type World } from '../world/schema.js';

/** Where the data lives: an open storage, in memory, a PostgreSQL server, or a PGlite folder. */
export type StorageSpec = DataStorage | 'memory' | { url?: string; dir?: string };

export interface CreateBackendOptions extends Omit<BackendOptions, 'storage'> {
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
    if (!world) throw new Error('portalkit/backend: a memory storage needs a world to start from.');
    return new MemoryStorage(world);
  }
  const url = spec?.url ?? (spec?.dir ? undefined : process.env.DATABASE_URL || undefined);
  const db = await openDatabase(url ? { url } : { dir: spec?.dir ?? DEFAULT_DATA_DIR });
  return PostgresStorage.open(db, world ? { world } : {});
}

export async function createBackend(options: CreateBackendOptions): Promise<Backend> {
  const { storage, world, ...rest } = options;
  return new Backend(undefined, { ...rest, storage: await openStorage(storage, world) });
}

/** What the vendor's own systems send: companies, contacts and records (with the portals they are shared to). */
export const Upserts = z.object({
  companies: z.optional(z.array(Company)),
  contacts: z.optional(z.array(Contact)),
  /** By model name; a record's `portalIds` are the portals it is shared to (R3). */
  records: z.optional(z.record(z.string(), z.array(DataRecord))),
});
export type Upserts = z.input<typeof Upserts>;

/**
 * Imports from the vendor's systems in one write: each entity is added, or — when its id is
 * known — replaced by the version sent. Invalid input is refused whole, with the path of each
 * problem; nothing is applied.
 */
export async function upsert(
  storage: DataStorage,
  input: unknown,
): Promise<{ added: number; updated: number }> {
  const parsed = Upserts.safeParse(input);
  if (!parsed.success)
    throw new Error(
      `Invalid import:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  for (const model of Object.keys(parsed.data.records ?? {}))
    if (!isModelName(model))
      throw new Error(`Invalid import:\n  records.${model}: not a model of this tenant`);
  return storage.write(async () => {
    for (const [model, records] of Object.entries(parsed.data.records ?? {}))
      await storage.loadRecords(
        model as ModelName,
        records.map((r) => r.id),
      );
    const store = storage.store;
    let added = 0;
    let updated = 0;
    const put = <L extends 'companies' | 'contacts'>(list: L, entity: World[L][number]) => {
      if (store.entity(list, entity.id)) {
        store.replace(list, entity);
        updated++;
      } else {
        store.insert(list, entity);
        added++;
      }
    };
    for (const company of parsed.data.companies ?? []) put('companies', company);
    for (const contact of parsed.data.contacts ?? []) put('contacts', contact);
    for (const [model, records] of Object.entries(parsed.data.records ?? {}) as [
      Parameters<typeof store.record>[0],
      DataRecord[],
    ][])
      for (const record of records) {
        const existing = store.record(model, record.id);
        if (existing) {
          Object.assign(existing, record);
          store.changedRecord(model, existing);
          updated++;
        } else {
          store.insertRecord(model, record);
          added++;
        }
      }
    return { added, updated };
  });
}

/** Replaces everything with a world file's content (validated first; sessions end). */
export async function importWorld(storage: DataStorage, input: unknown): Promise<void> {
  await storage.reset(parseWorld(input));
}

export { Backend } from '../http/backend.js';
export type { BackendOptions } from '../http/backend.js';
export { nodeHandler } from './serve.js';
export { openDatabase } from '../storage/database.js';
export { PostgresStorage } from '../storage/postgres.js';
export { MemoryStorage, type DataStorage } from '../storage/storage.js';
export { MIGRATIONS, migrate } from '../storage/migrations.js';
export { parseWorld, WorldError, type World } from '../world/schema.js';
