// #25: a write appends its log entries at the next places of their portal's log, kept in
// `pk_log_places` (migration 17) — not found by reading the log, which the planner did in full
// when its statistics were taken while the log was empty. Places count 0, 1, 2… per portal and
// log in the order entries were written; migration 17 keeps them for a database written before
// it, and the writes after it go on from there. On PGlite and the server.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { migrate } from '../../../backend/src/storage/postgres/migrations.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { signIn } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const databases = await testDatabases();
const open: Database[] = [];
after(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => {});
  for (const target of databases) await target.cleanup();
});

const RECORD = demoWorld().records.License!.find((r) => r.portalIds.includes('p-northwind'))!.id;

/** Each portal's log as stored: its places in the order its entries were written. */
async function logs(db: Database): Promise<Map<string, number[]>> {
  const rows = await db.query<{ list: string; portal_id: string; pos: number }>(
    `SELECT list, portal_id, pos FROM pk_appended WHERE portal_id IS NOT NULL ORDER BY ord`,
  );
  const byLog = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.list} ${row.portal_id}`;
    byLog.set(key, [...(byLog.get(key) ?? []), Number(row.pos)]);
  }
  return byLog;
}

async function places(db: Database): Promise<Map<string, number>> {
  const rows = await db.query<{ list: string; portal_id: string; next_pos: number }>(
    'SELECT list, portal_id, next_pos FROM pk_log_places',
  );
  return new Map(rows.map((row) => [`${row.list} ${row.portal_id}`, Number(row.next_pos)]));
}

/** Every log's places are 0, 1, 2… in writing order, and its kept next place follows the last. */
async function assertPlaced(db: Database) {
  const byLog = await logs(db);
  assert.ok(byLog.size > 0, 'the writes appended entries');
  const next = await places(db);
  for (const [log, positions] of byLog) {
    assert.deepEqual(
      positions,
      positions.map((_, i) => i),
      log,
    );
    assert.equal(next.get(log), positions.length, log);
  }
  assert.equal(next.size, byLog.size);
}

for (const target of databases)
  describe(`log places on ${target.name}`, () => {
    it("a write's entries take their portal's next places; migration 17 keeps them for an older database", async () => {
      const db = await target.open();
      open.push(db);
      // Imported logs of two portals, their entries interleaved: each numbered within its portal.
      const world = demoWorld();
      for (let i = 0; i < 5; i++) {
        const portalId = i % 2 ? 'p-globex' : 'p-northwind';
        const at = `2026-01-0${i + 1}T00:00:00.000Z`;
        world.audit.push({
          at,
          portalId,
          actor: { kind: 'internal', id: 'u-csm-olivia' },
          action: 'record.update',
          object: { type: 'License', id: RECORD },
        });
        world.activity.push({ portalId, contactId: 'k-nw-bob', kind: 'page.view', at });
      }
      let storage = await PostgresStorage.open(db, { world, closesDatabase: false });
      await assertPlaced(db);
      assert.deepEqual([...(await logs(db))].map(([log, places]) => [log, places.length]).sort(), [
        ['activity p-globex', 2],
        ['activity p-northwind', 3],
        ['audit p-globex', 2],
        ['audit p-northwind', 3],
      ]);
      let olivia = await signIn(new Backend({ keys: DEV_VERIFY_KEYS, storage }), 'olivia');
      for (const seats of [3, 4, 5]) {
        const edited = await olivia.patch(`/records/License/${RECORD}?page=pg-licenses`, {
          fields: { seats },
        });
        assert.equal(edited.status, 200, edited.text);
      }
      await assertPlaced(db);
      const written = (await logs(db)).get('audit p-northwind')?.length ?? 0;
      assert.ok(written >= 3, `three edits audited (${written})`);
      await storage.close();

      // As a release before migration 17 left the database: no places kept.
      await db.exec('DROP TABLE pk_log_places');
      await db.query('DELETE FROM schema_migrations WHERE version = 17');
      assert.deepEqual(await migrate(db), [17]);
      await assertPlaced(db);

      // The writes after it go on from the kept places, and the trail reads them newest first.
      storage = await PostgresStorage.open(db, { closesDatabase: false });
      olivia = await signIn(new Backend({ keys: DEV_VERIFY_KEYS, storage }), 'olivia');
      const edited = await olivia.patch(`/records/License/${RECORD}?page=pg-licenses`, {
        fields: { seats: 6 },
      });
      assert.equal(edited.status, 200, edited.text);
      await assertPlaced(db);
      assert.equal((await logs(db)).get('audit p-northwind')!.length, written + 1);
      const trail = await olivia.get('/manage/audit');
      assert.equal(trail.status, 200, trail.text);
      assert.deepEqual(trail.body.items[0].changes, [{ field: 'seats', from: 5, to: 6 }]);

      // An instance of a release before migration 17 appends an entry, moving no place: the next
      // write finds its place taken, reads the places from the log again, and goes on after it.
      await db.query(
        `WITH head AS (UPDATE pk_head SET version = version + 1, next_ord = next_ord + 1
                        WHERE tenant_id = 'default' RETURNING version, next_ord - 1 AS ord),
              last AS (SELECT body, pos FROM pk_appended WHERE tenant_id = 'default' AND list = 'audit'
                          AND portal_id = 'p-northwind' ORDER BY pos DESC LIMIT 1)
         INSERT INTO pk_appended (tenant_id, ord, list, version, body, pos)
         SELECT 'default', head.ord, 'audit', head.version, last.body, last.pos + 1 FROM head, last`,
      );
      const after = await olivia.patch(`/records/License/${RECORD}?page=pg-licenses`, {
        fields: { seats: 7 },
      });
      assert.equal(after.status, 200, after.text);
      await assertPlaced(db);
      assert.equal((await logs(db)).get('audit p-northwind')!.length, written + 3);
      await storage.close();
    });
  });
