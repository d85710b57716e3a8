// #25 step 6: a widget's aggregate reads its portal's records once and sorts nothing — the sum
// was `sum(… ORDER BY ord)` (the memory engine's order of addition), which sorted every match and
// spilled to disk on a large portal; sums are exact now (world/exact-sum.ts), so order does not
// matter; groups are hashed (the planner, guessing one group per row, sorted every match). Checked
// with EXPLAIN (ANALYZE, BUFFERS) under a small work_mem (1 MB; PostgreSQL's default is 4 MB), each
// statement as the storage ran it: nothing sorts, and no aggregate writes a temporary file.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { Database } from '../../../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import type { Aggregate, RecordPlan } from '../../../backend/src/ports/record-plan.js';
import { largeWorld } from '../../../server-mock/demo-world.js';
import { testDatabases } from '../../helpers/databases.js';

const PLAN: RecordPlan = {
  scope: { model: 'License', companyId: 'c-northwind', portalId: 'p-northwind', shared: true },
  fields: ['product', 'seats', 'mrr', 'renewal', 'autoRenew'],
  filters: [],
};
const AGGREGATES: [string, Aggregate][] = [
  ['sum', { kind: 'numbers', field: 'mrr' }],
  ['group count', { kind: 'groups', by: 'autoRenew', month: false }],
  ['series sum by month', { kind: 'groups', by: 'renewal', month: true, sum: 'mrr' }],
];

interface Statement {
  text: string;
  params: readonly unknown[];
  /** What ran before it in its transaction. */
  before: Statement[];
}

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function nodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodes)];
}

for (const target of await testDatabases()) {
  describe(`aggregates on ${target.name}: no sort, no spill (#25)`, () => {
    after(() => target.cleanup());

    it('sum, group and monthly series over 20,000 records of one portal', async () => {
      const db = await target.open();
      // The storage on a database that records each statement, and what ran before it in its
      // transaction (settings the reader made for it), to explain it as it ran.
      let recorded: Statement[] = [];
      const recording: Database = {
        ...db,
        query: (text, params) => {
          recorded.push({ text, params: params ?? [], before: [] });
          return db.query(text, params);
        },
        transaction: (work) =>
          db.transaction((tx) => {
            const before: Statement[] = [];
            return work({
              ...tx,
              query: (text, params) => {
                recorded.push({ text, params: params ?? [], before: [...before] });
                before.push({ text, params: params ?? [], before: [] });
                return tx.query(text, params);
              },
            });
          }),
      };
      const storage = await PostgresStorage.open(recording, {
        world: largeWorld({ shared: 20_000, unshared: 0, portals: 1 }),
      });
      for (const [name, aggregate] of AGGREGATES) {
        recorded = [];
        await storage.records.aggregate(PLAN, aggregate);
        const statement = recorded.find((s) => /\bsum\(|count\(/.test(s.text))!;
        const explained = await db.transaction(async (tx) => {
          await tx.query(`SET LOCAL work_mem = '1MB'`);
          for (const setup of statement.before) await tx.query(setup.text, setup.params);
          return await tx.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
            `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
            statement.params,
          );
        });
        const all = nodes(explained[0]!['QUERY PLAN'][0].Plan);
        // Nothing sorts the matches: a sum reads them in any order, groups are hashed.
        assert.deepEqual(
          all.filter((node) => /Sort/.test(String(node['Node Type']))).map((node) => node['Node Type']),
          [],
          `${name}: sorts its rows`,
        );
        for (const node of all)
          assert.equal(
            Number(node['Temp Written Blocks'] ?? 0),
            0,
            `${name}: ${String(node['Node Type'])} spills to disk`,
          );
      }
      await db.close();
    });
  });
}
