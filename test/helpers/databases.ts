// The databases a storage test runs on: PGlite always, and the PostgreSQL server at DATABASE_URL
// (default: the local one at postgres://postgres@127.0.0.1:5432/test) whenever it answers —
// each test on the server in a schema of its own, dropped afterwards.
import { openDatabase, serverAnswers, type Database } from '../../backend/src/storage/postgres/database.js';
import type { DataRecord, World } from '../../backend/src/world/schema.js';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A new, empty database (PGlite in memory, or a fresh schema on the server). */
  open(): Promise<Database>;
  /** Another connection to the database `db` (PGlite: the same one; it lives in this process). */
  again(db: Database): Promise<Database>;
  /** Removes what `open` made. */
  cleanup(): Promise<void>;
}

let answers: Promise<boolean> | undefined;

export async function testDatabases(): Promise<TestDatabase[]> {
  const list: TestDatabase[] = [
    { name: 'pglite', open: () => openDatabase(), again: async (db) => db, cleanup: async () => {} },
  ];
  if (await (answers ??= serverAnswers(SERVER_URL))) {
    const schemas: string[] = [];
    const urls = new WeakMap<Database, string>();
    list.push({
      name: 'postgres',
      async open() {
        // From getRandomValues, not randomUUID: the differential test makes randomUUID a counter,
        // and two runs at once (or one a crash left behind) would then meet in one schema.
        const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
          b.toString(16).padStart(2, '0'),
        );
        const schema = `pk_test_${random.join('')}`;
        const admin = await openDatabase({ url: SERVER_URL });
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.close();
        schemas.push(schema);
        const url = withSearchPath(SERVER_URL, schema);
        const db = await openDatabase({ url });
        urls.set(db, url);
        return db;
      },
      again: (db) => openDatabase({ url: urls.get(db)! }),
      async cleanup() {
        const admin = await openDatabase({ url: SERVER_URL });
        for (const schema of schemas.splice(0)) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    });
  } else {
    console.log(`note: no PostgreSQL server answers at ${SERVER_URL}: storage tests run on PGlite only`);
  }
  return list;
}

/** The URL with `search_path` set, so every connection of the pool works in `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/**
 * The records of `model` a database holds (not removed), in insertion order, as the world lists
 * them — fields in name order (jsonb keeps no key order): compare with `canonicalRecords`.
 */
export async function storedRecords(db: Database, model: string): Promise<DataRecord[]> {
  const rows = await db.query<{
    id: string;
    company_id: string;
    portal_ids: string[];
    fields: DataRecord['fields'];
  }>(
    'SELECT id, company_id, portal_ids, fields FROM pk_records WHERE model = $1 AND NOT removed ORDER BY ord',
    [model],
  );
  return canonicalRecords(
    rows.map((row) => ({
      id: row.id,
      companyId: row.company_id,
      portalIds: row.portal_ids,
      fields: row.fields,
    })),
  );
}

/**
 * What an instance holds of its world, as JSON, but the companies and their portals, contacts,
 * workflows, tasks and files: a database's instance holds those a company at a time, of the
 * companies its requests needed (compare them with `storedEntities`).
 */
export const heldWorld = (world: World): string =>
  JSON.stringify({
    ...world,
    ...Object.fromEntries(HELD_BY_COMPANY.map((list) => [list, undefined])),
  });

/** The lists a database's instance holds a company at a time. */
export const HELD_BY_COMPANY = ['companies', 'portals', 'contacts', 'workflows', 'tasks', 'files'] as const;

/**
 * The tenant's entities of a list held by company as the table holds them, in list order
 * (`companyId`: one company's).
 */
export async function storedEntities(
  db: Database,
  list: (typeof HELD_BY_COMPANY)[number],
  companyId?: string,
  tenant = 'default',
): Promise<unknown[]> {
  const rows = await db.query<{ body: unknown }>(
    `SELECT body FROM pk_entities WHERE tenant_id = $1 AND list = $2 AND body IS NOT NULL
        AND ($3::text IS NULL OR body->>'companyId' = $3) ORDER BY ord`,
    [tenant, list, companyId ?? null],
  );
  return rows.map((row) => row.body);
}

/** The tenant's contacts as the table holds them, in list order (`companyId`: one company's). */
export const storedContacts = (db: Database, companyId?: string, tenant = 'default') =>
  storedEntities(db, 'contacts', companyId, tenant);

/** Records with their fields in name order. */
export const canonicalRecords = (records: readonly DataRecord[]): DataRecord[] =>
  records.map((r) => ({
    ...r,
    fields: Object.fromEntries(Object.entries(r.fields).sort(([a], [b]) => (a < b ? -1 : 1))),
  }));

/**
 * Puts a database migrated to the latest version back to the layout before migration 8 (one
 * tenant, no tenant_id), its rows kept: data as a release before it wrote them.
 */
export const BEFORE_TENANTS = `
  ALTER TABLE pk_head DROP COLUMN tenant_id, ADD COLUMN id int NOT NULL DEFAULT 1 CHECK (id = 1),
    ADD PRIMARY KEY (id);
  ALTER TABLE pk_entities DROP COLUMN tenant_id, ADD PRIMARY KEY (list, id);
  CREATE INDEX pk_entities_version ON pk_entities (version);
  ALTER TABLE pk_appended DROP COLUMN tenant_id, ADD PRIMARY KEY (ord);
  CREATE UNIQUE INDEX pk_appended_place ON pk_appended (list, portal_id, pos);
  CREATE INDEX pk_activity_window ON pk_appended (portal_id, at, contact_id) WHERE list = 'activity';
  CREATE INDEX pk_activity_seen ON pk_appended (portal_id, contact_id, at) WHERE list = 'activity';
  ALTER TABLE pk_records DROP COLUMN tenant_id, ADD PRIMARY KEY (model, id);
  CREATE INDEX pk_records_version ON pk_records (version);
  CREATE INDEX pk_records_company ON pk_records (model, company_id, ord);
  ALTER TABLE pk_sessions DROP COLUMN tenant_id, ADD PRIMARY KEY (token_hash);
  CREATE INDEX pk_sessions_expiry ON pk_sessions (expires_at);
  ALTER TABLE pk_used_jti DROP COLUMN tenant_id, ADD PRIMARY KEY (jti);
  ALTER TABLE pk_idempotency DROP COLUMN tenant_id, ADD PRIMARY KEY (scope, key);
  CREATE INDEX pk_idempotency_created ON pk_idempotency (created_at);
  ALTER TABLE pk_blobs DROP COLUMN tenant_id, ADD PRIMARY KEY (key, part);
  ALTER TABLE pk_changes DROP COLUMN tenant_id, ADD PRIMARY KEY (version, seq);
  DELETE FROM schema_migrations WHERE version = 8;`;
