// #25 step 6 (G3): a page costs what it shows, not what the portal holds. On 20,000 records of one
// portal, the first page, the 10th keyset page, a whole list's count and sum are explained with
// EXPLAIN (ANALYZE, BUFFERS) as the storage ran them: no sequential scan of the records, a few
// page-widths of rows read from them at most, nothing written to a temporary file. A filtered
// list's count stops at the cap. A page sorted by a field, first or 10th, in either direction,
// and a count filtered on a number read ranges of the field's order (`pk_record_order`).
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
       * How the statement `run` sent last reads pk_records and the fields' order, as it ran:
       * whether by a sequential scan, and how many rows its scans read from each (returned or
       * filtered out, over every loop).
       */
      const explain = async (run: () => Promise<unknown>) => {
        recorded = [];
        await run();
        const statement = recorded.findLast((s) => /FROM pk_record/.test(s.text))!;
        const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
          statement.params,
        );
        const all = nodes(row!['QUERY PLAN'][0].Plan);
        for (const node of all) assert.equal(Number(node['Temp Written Blocks'] ?? 0), 0, 'spills to disk');
        const rowsOf = (table: string) =>
          all
            .filter((node) => node['Relation Name'] === table)
            .reduce(
              (sum, node) =>
                sum +
                (Number(node['Actual Rows']) + Number(node['Rows Removed by Filter'] ?? 0)) *
                  Number(node['Actual Loops'] ?? 1),
              0,
            );
        return {
          sequential: all.some(
            // A part of a statement the page did not need is planned but never run (0 loops).
            (node) =>
              node['Node Type'] === 'Seq Scan' &&
              String(node['Relation Name']).startsWith('pk_record') &&
              Number(node['Actual Loops']) > 0,
          ),
          read: rowsOf('pk_records'),
          ordered: rowsOf('pk_record_order'),
        };
      };
      /** A read that goes straight to its rows: by an index, a few page-widths at most. */
      const direct = (read: { sequential: boolean; read: number; ordered: number }, what: string) => {
        assert.equal(read.sequential, false, `${what}: a sequential scan of the records`);
        assert.ok(read.read <= 2 * LIMIT + 2, `${what}: read ${read.read} rows`);
        assert.ok(read.ordered <= 2 * LIMIT + 2, `${what}: read ${read.ordered} rows of the order`);
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
        ordered: 0,
      });
      // A sum (and an average: the same read) of the portal's numbers: the kept sum, no record read.
      assert.deepEqual(
        await explain(() => storage.records.aggregate(PLAN, { kind: 'numbers', field: 'mrr' })),
        { sequential: false, read: 0, ordered: 0 },
      );
      const numbers = await storage.records.aggregate(PLAN, { kind: 'numbers', field: 'seats' });
      assert.equal(numbers.kind === 'numbers' && numbers.count, RECORDS);
      // A filter every record matches: counted to one past the cap, not through the portal.
      const filtered: RecordPlan = {
        ...PLAN,
        filters: [{ field: 'seats', type: 'integer', op: 'gte', values: [0] }],
      };
      const counted = await explain(() => storage.records.page(filtered, { limit: 1, offset: 0 }));
      // From the field's order (a range of an index), not from the records.
      assert.ok(
        counted.ordered <= COUNT_CAP + 1,
        `the filtered count read ${counted.ordered} rows of the order`,
      );
      assert.ok(counted.read <= 2 * LIMIT + 2, `the filtered count read ${counted.read} records`);
      const capped = (await storage.records.page(filtered, { limit: 1, offset: 0 }))!;
      assert.deepEqual([capped.total, capped.totalExact], [COUNT_CAP, false]);

      // Sorted by a text field (its collation keys) and by a number, each way: the first page and
      // the 10th, as the field's order holds them. The pages are the memory engine's order (the
      // differential test checks that); here, what they read.
      for (const sort of [
        { field: 'product', type: 'string', direction: 'asc' },
        { field: 'seats', type: 'integer', direction: 'desc' },
      ] as const) {
        const sorted: RecordPlan = { ...PLAN, sort };
        const what = `sorted by ${sort.field} ${sort.direction}`;
        direct(
          await explain(() => storage.records.page(sorted, { limit: LIMIT, offset: 0 })),
          `${what}: first page`,
        );
        let cursor: PageRequest['after'];
        for (let i = 1; i < 10; i++) {
          const shown = (await storage.records.page(sorted, {
            limit: LIMIT,
            offset: 0,
            ...(cursor ? { after: cursor } : {}),
          }))!;
          cursor = { id: shown.items.at(-1)!.id, key: shown.lastKey };
        }
        direct(
          await explain(() => storage.records.page(sorted, { limit: LIMIT, offset: 0, after: cursor })),
          `${what}: 10th page`,
        );
      }
      await db.close();
    });
  });
}
