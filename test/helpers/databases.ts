// The databases a storage test runs on: PGlite always, and the PostgreSQL server at DATABASE_URL
// (default: the local one at postgres://postgres@127.0.0.1:5432/test) whenever it answers —
// each test on the server in a schema of its own, dropped afterwards.
import { openDatabase, serverAnswers, type Database } from '../../backend/src/storage/postgres/database.js';
import type { DataRecord } from '../../backend/src/world/schema.js';

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

/** Records with their fields in name order. */
export const canonicalRecords = (records: readonly DataRecord[]): DataRecord[] =>
  records.map((r) => ({
    ...r,
    fields: Object.fromEntries(Object.entries(r.fields).sort(([a], [b]) => (a < b ? -1 : 1))),
  }));
