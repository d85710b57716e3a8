// PGlite runs no autovacuum: an instance on it vacuums its tables itself, after as many changes as
// autovacuum's default rule waits for (50 + 20 % of the rows), so old row versions and index
// entries do not stay for ever. Counted through PostgreSQL's own statistics.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { openDatabase, type Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';

/** How many times each table was vacuumed, by name. */
async function vacuums(db: Database): Promise<Record<string, number>> {
  const rows = await db.query<{ relname: string; n: number }>(
    `SELECT relname, vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname LIKE 'pk_%'`,
  );
  return Object.fromEntries(rows.map((row) => [row.relname, row.n]));
}

describe('an instance on PGlite vacuums its tables', () => {
  it('after an import, and again after 50 + 20 % of the rows have changed', async () => {
    const db = await openDatabase();
    try {
      const backend = new Backend({
        keys: DEV_VERIFY_KEYS,
        storage: await PostgresStorage.open(db, { world: demoWorld() }),
      });
      const imported = await vacuums(db);
      assert.equal(imported.pk_records, 1, 'the import ends with a vacuum');
      const [counted] = await db.query<{ rows: number }>(
        `SELECT sum(reltuples)::int AS rows FROM pg_class WHERE relname IN ('pk_records', 'pk_entities')`,
      );
      const due = 50 + 0.2 * counted!.rows;
      const token = ((await exchange(backend, await tokenFor('alice'))).body as any).session.token;
      // An edit changes a record and appends to the logs: one to four changes. Ten edits are fewer
      // than 50 changes; `due` edits are at least `due`.
      const edit = async (seats: number) => {
        const answer = await call(backend, 'PATCH', '/records/License/license-1?page=pg-licenses', {
          token,
          body: { fields: { seats } },
        });
        assert.equal(answer.status, 200, answer.text);
      };
      for (let i = 0; i < 10; i++) await edit(i);
      assert.equal((await vacuums(db)).pk_records, imported.pk_records, 'not before it is due');
      for (let i = 10; i < due; i++) await edit(i);
      const after = await vacuums(db);
      for (const table of ['pk_records', 'pk_record_order', 'pk_entities', 'pk_appended', 'pk_head'])
        assert.ok(after[table]! > (imported[table] ?? 0), `${table} vacuumed again`);
    } finally {
      await db.close();
    }
  });
});
