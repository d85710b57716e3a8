// #25 step 6 (G3): a page costs what it shows, not what the portal holds. On 20,000 records of one
// portal, the first page, the 10th keyset page, a whole list's count and sum are explained with
// EXPLAIN (ANALYZE, BUFFERS) as the storage ran them: no sequential scan of the records, a few
// page-widths of rows read from them at most, nothing written to a temporary file. A filtered
// list's count stops at the cap. (A page sorted by a field still sorts its matches: not here.)
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { COUNT_CAP, type PageRequest, type RecordPlan } from '../../../backend/src/ports/record-plan.js';
import { largeWorld } from '../../../server-mock/demo-world.js';
import { testDatabases } from '../../helpers/databases.js';

const RECORDS = 20_000;
const LIMIT = 50;
const PLAN: RecordPlan = {
  scope: { model: 'License', companyId: 'c-northwind', portalId: 'p-northwind', shared: true },
  fields: ['product', 'seats', 'mrr', 'renewal', 'autoRenew'],
  filters: [],
};

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function nodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodes)];
}

for (const target of await testDatabases()) {
  describe(`pages on ${target.name}: cost follows the page, not the portal (#25)`, () => {
    after(() => target.cleanup());

    it(`first page, 10th page and a whole count over ${RECORDS} records; a filtered count stops at the cap`, async () => {
      const db = await target.open();
      let recorded: { text: string; params: readonly unknown[] }[] = [];
      const recording: Database = {
        ...db,
        query: (text, params) => (recorded.push({ text, params: params ?? [] }), db.query(text, params)),
      };
      const storage = await PostgresStorage.open(recording, {
        world: largeWorld({ shared: RECORDS, unshared: 0, portals: 1 }),
      });
      /**
       * How the statement `run` sent reads pk_records, as it ran: whether by a sequential scan,
       * and how many rows its scans read (returned or filtered out, over every loop).
       */
      const explain = async (run: () => Promise<unknown>) => {
        recorded = [];
        await run();
        const statement = recorded.find((s) => /FROM pk_record/.test(s.text))!;
        const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
          statement.params,
        );
        const all = nodes(row!['QUERY PLAN'][0].Plan);
        for (const node of all) assert.equal(Number(node['Temp Written Blocks'] ?? 0), 0, 'spills to disk');
        const scans = all.filter((node) => node['Relation Name'] === 'pk_records');
        return {
          sequential: scans.some((node) => node['Node Type'] === 'Seq Scan'),
          read: scans.reduce(
            (sum, node) =>
              sum +
              (Number(node['Actual Rows']) + Number(node['Rows Removed by Filter'] ?? 0)) *
                Number(node['Actual Loops'] ?? 1),
            0,
          ),
        };
      };
      /** A read that goes straight to its rows: by an index, a few page-widths at most. */
      const direct = (read: { sequential: boolean; read: number }, what: string) => {
        assert.equal(read.sequential, false, `${what}: a sequential scan of the records`);
        assert.ok(read.read <= 2 * LIMIT + 2, `${what}: read ${read.read} rows`);
      };

      const page = (request: PageRequest) => storage.records.page(PLAN, request);
      direct(await explain(() => page({ limit: LIMIT, offset: 0 })), 'first page');
      let after: PageRequest['after'];
      for (let i = 1; i < 10; i++) {
        const shown = (await page({ limit: LIMIT, offset: 0, ...(after ? { after } : {}) }))!;
        after = { id: shown.items.at(-1)!.id, key: shown.lastKey };
      }
      direct(await explain(() => page({ limit: LIMIT, offset: 0, after })), '10th page');
      const whole = (await page({ limit: LIMIT, offset: 0 }))!;
      assert.deepEqual([whole.total, whole.totalExact], [RECORDS, true]);
      assert.deepEqual(await explain(() => storage.records.aggregate(PLAN, { kind: 'count' })), {
        sequential: false,
        read: 0,
      });
      // A sum (and an average: the same read) of the portal's numbers: the kept sum, no record read.
      assert.deepEqual(
        await explain(() => storage.records.aggregate(PLAN, { kind: 'numbers', field: 'mrr' })),
        { sequential: false, read: 0 },
      );
      const numbers = await storage.records.aggregate(PLAN, { kind: 'numbers', field: 'seats' });
      assert.equal(numbers.kind === 'numbers' && numbers.count, RECORDS);
      // A filter every record matches: counted to one past the cap, not through the portal.
      const filtered: RecordPlan = {
        ...PLAN,
        filters: [{ field: 'seats', type: 'integer', op: 'gte', values: [0] }],
      };
      const counted = await explain(() => storage.records.page(filtered, { limit: 1, offset: 0 }));
      assert.ok(counted.read <= COUNT_CAP + 200, `the filtered count read ${counted.read} rows`);
      const capped = (await storage.records.page(filtered, { limit: 1, offset: 0 }))!;
      assert.deepEqual([capped.total, capped.totalExact], [COUNT_CAP, false]);
      await db.close();
    });
  });
}
