// #25 step 6: counts that do not read every match. A whole list's total is kept by the writes
// (`pk_record_counts`) and exact; a filtered list is counted up to COUNT_CAP and then says so
// (`totalExact: false`, the table shows "10,000+") — the same answer from memory, PGlite and the
// server. The kept totals always equal a recount, also after concurrent writes of two instances,
// and so do the kept sums a sum or average widget reads, and the fields' order sorted pages and
// filtered counts read.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { COUNT_CAP } from '../../../backend/src/ports/record-plan.js';
import type { DataStorage } from '../../../backend/src/ports/storage.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { derivedColumns } from '../../../backend/src/storage/postgres/plans.js';
import { Schema, type ModelDef } from '../../../backend/src/world/models.js';
import type { DataRecord } from '../../../backend/src/world/schema.js';
import { demoWorld, largeWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const databases = await testDatabases();
const open: Database[] = [];
after(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => {});
  for (const target of databases) await target.cleanup();
});

async function signedIn(storage: DataStorage, persona: 'alice' | 'olivia' = 'alice') {
  const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
  const token = ((await exchange(backend, await tokenFor(persona))).body as any).session.token as string;
  return {
    backend,
    get: (path: string) => call(backend, 'GET', path, { token }),
    send: (method: string, path: string, body: unknown) => call(backend, method, path, { token, body }),
  };
}

/** The kept totals and a recount of the records, as rows to compare. */
async function keptAndCounted(db: Database) {
  const kept = await db.query(
    `SELECT model, company_id, portal_id, n::int AS n FROM pk_record_counts
      WHERE tenant_id = 'default' AND n <> 0 ORDER BY 1, 2, 3`,
  );
  const counted = await db.query(
    `SELECT r.model, r.company_id, p.portal_id, count(*)::int AS n FROM pk_records r,
            LATERAL (SELECT DISTINCT portal_id FROM unnest(array_append(r.portal_ids, '')) AS portal_id) p
      WHERE r.tenant_id = 'default' AND NOT r.removed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  // The kept sums of numbers per portal and field (compared without trailing zeros: a total keeps
  // the scale of every number it ever held).
  const keptSums = await db.query(
    `SELECT model, company_id, portal_id, field, trim_scale(total)::text AS total, n::int AS n
       FROM pk_record_sums WHERE tenant_id = 'default' AND (n <> 0 OR total <> 0) ORDER BY 1, 2, 3, 4`,
  );
  const summed = await db.query(
    `SELECT r.model, r.company_id, p.portal_id, f.key AS field,
            trim_scale(sum(f.value::numeric))::text AS total, count(*)::int AS n
       FROM pk_records r,
            LATERAL (SELECT DISTINCT portal_id FROM unnest(r.portal_ids) AS portal_id) p,
            LATERAL jsonb_each(r.fields) f
      WHERE r.tenant_id = 'default' AND NOT r.removed AND jsonb_typeof(f.value) = 'number'
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  // The fields' order (`pk_record_order`) and the rows each record's values make, by their keys
  // computed again here from the fields and the tenant's models.
  const byText = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  const keptOrder = await db.query<Record<string, unknown>>(
    `SELECT l.model, l.company_id, l.portal_id, l.field, o.k, o.ord::int AS ord
       FROM pk_record_order o JOIN pk_order_lists l ON l.tenant_id = o.tenant_id AND l.id = o.list
      WHERE o.tenant_id = 'default'`,
  );
  const models = await db.query<{ body: ModelDef }>(
    `SELECT body FROM pk_entities WHERE tenant_id = 'default' AND list = 'models' AND body IS NOT NULL`,
  );
  const schema = new Schema(models.map((m) => m.body));
  const records = await db.query<{
    model: string;
    id: string;
    ord: number;
    company_id: string;
    portal_ids: string[];
    fields: DataRecord['fields'];
  }>(
    `SELECT model, id, ord::int AS ord, company_id, portal_ids, fields FROM pk_records
      WHERE tenant_id = 'default' AND NOT removed`,
  );
  const ordered = records.flatMap((r) => {
    const keys = JSON.parse(
      derivedColumns(schema.fields(r.model), {
        id: r.id,
        companyId: r.company_id,
        portalIds: r.portal_ids,
        fields: r.fields,
      }).order_keys,
    ) as Record<string, string>;
    return [...new Set(r.portal_ids)].flatMap((portal) =>
      Object.entries(keys).map(([field, k]) => ({
        model: r.model,
        company_id: r.company_id,
        portal_id: portal,
        field,
        k,
        ord: r.ord,
      })),
    );
  });
  return {
    kept: { counts: kept, sums: keptSums, order: byText(keptOrder) },
    counted: { counts: counted, sums: summed, order: byText(ordered) },
  };
}

describe('counts that do not read every match (#25)', { timeout: 300_000 }, () => {
  const world = () => largeWorld({ shared: COUNT_CAP + 50, unshared: 10, portals: 1 });
  const storages: { name: string; open: () => Promise<DataStorage> }[] = [
    { name: 'memory', open: async () => new MemoryStorage(world()) },
    ...databases.map((target) => ({
      name: target.name,
      open: async () => {
        const db = await target.open();
        open.push(db);
        return PostgresStorage.open(db, { world: world() });
      },
    })),
  ];
  const answers = new Map<string, string[]>();

  for (const { name, open: openStorage } of storages)
    it(`a whole list's total is exact; a filtered one stops at ${COUNT_CAP} and says so (${name})`, async () => {
      const alice = await signedIn(await openStorage());
      const whole = await alice.get('/records/License?limit=1');
      assert.equal(whole.status, 200, whole.text);
      assert.deepEqual([whole.body.total, whole.body.totalExact], [COUNT_CAP + 50, true]);
      const many = await alice.get('/records/License?limit=1&filter=seats:gte:0');
      assert.deepEqual([many.body.total, many.body.totalExact], [COUNT_CAP, false]);
      const few = await alice.get('/records/License?limit=1&filter=seats:gte:95');
      assert.equal(few.body.totalExact, true);
      assert.ok(few.body.total > 0 && few.body.total < COUNT_CAP);
      // A record removed: the kept total follows.
      const removed = await alice.send(
        'DELETE',
        `/records/License/${whole.body.items[0].id}?page=pg-licenses`,
        {},
      );
      assert.equal(removed.status, 200, removed.text);
      const after = await alice.get('/records/License?limit=1');
      assert.deepEqual([after.body.total, after.body.totalExact], [COUNT_CAP + 49, true]);
      // The dashboard's sum and average read kept sums on a database: the same numbers.
      const dashboard = await alice.get('/pages/pg-dashboard');
      assert.equal(dashboard.status, 200, dashboard.text);
      const mrr = dashboard.body.widgets.find((w: any) => w.id === 'w-mrr');
      assert.equal(mrr.result.status, 'ok');
      assert.ok(mrr.result.value > 0);
      answers.set(name, [whole.text, many.text, few.text, after.text, dashboard.text]);
      // Every storage answers alike, byte for byte.
      const [first] = answers.values();
      assert.deepEqual(answers.get(name), first);
    });

  for (const target of databases)
    it(`the kept totals, sums and order equal a recount after creates, shares, unshares, removals and an import (${target.name})`, async () => {
      const db = await target.open();
      open.push(db);
      const second = await target.again(db);
      if (second !== db) open.push(second);
      const a = await PostgresStorage.open(db, { world: demoWorld() });
      const b = await PostgresStorage.open(second);
      {
        const { kept, counted } = await keptAndCounted(db);
        assert.deepEqual(kept, counted);
      }
      const [alice, aliceB, oliviaA, oliviaB] = [
        await signedIn(a),
        await signedIn(b),
        await signedIn(a, 'olivia'),
        await signedIn(b, 'olivia'),
      ];
      const created: string[] = [];
      // Writes of two instances at once (on the server, two connection pools).
      await Promise.all(
        [alice, aliceB].flatMap((who) =>
          Array.from({ length: 6 }, async (_, i) => {
            const answer = await who.send('POST', '/records/License?page=pg-licenses', {
              fields: { seats: i },
            });
            assert.equal(answer.status, 201, answer.text);
            created.push(answer.body.id);
          }),
        ),
      );
      const unshared = (await oliviaA.get('/records/License/unshared')).body.items.map((r: any) => r.id);
      assert.ok(unshared.length >= 2, 'the demo has unshared licenses');
      await Promise.all([
        oliviaA.send('POST', '/records/License/share', { ids: unshared.slice(0, 2), shared: true }),
        oliviaB.send('POST', '/records/License/share', { ids: created.slice(0, 3), shared: false }),
        alice.send('DELETE', `/records/License/${created[5]}?page=pg-licenses`, {}),
        alice.send('PATCH', `/records/License/${created[6]}?page=pg-licenses`, { fields: { seats: 99 } }),
        aliceB.send('PATCH', `/records/License/${created[7]}?page=pg-licenses`, { fields: { mrr: 12.25 } }),
      ]);
      const { kept, counted } = await keptAndCounted(db);
      assert.deepEqual(kept, counted);
      // The list's total is the kept one, and it is right.
      const list = await oliviaA.get('/records/License?limit=1');
      const northwind = counted.counts.find(
        (row: any) =>
          row.model === 'License' && row.company_id === 'c-northwind' && row.portal_id === 'p-northwind',
      ) as { n: number };
      assert.equal(list.body.total, northwind.n);
      // An import starts them again from its records.
      await a.reset(largeWorld({ shared: 300, unshared: 20, portals: 3 }));
      {
        const { kept, counted } = await keptAndCounted(db);
        assert.deepEqual(kept, counted);
      }
    });
});
