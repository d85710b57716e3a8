// The memory engine's text sort indexes (#14): built as the data loads and moved record by record
// on each write, they must always order a portal's records exactly as sorting them afresh does.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RecordPlan } from '../../../backend/src/ports/record-plan.js';
import { evaluateAll } from '../../../backend/src/storage/memory/plans.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { collationKey } from '../../../backend/src/world/collation.js';
import { parseWorld } from '../../../backend/src/world/schema.js';
import { demoWorld } from '../../../server-mock/demo-world.js';

const TEXTS = ['P1', 'p1', 'P10', 'P9', 'Äpfel', 'apfel', 'Zebra', '', '🚀 Launch', 'a\ue000', null];
const product = fc.constantFrom(...TEXTS);
const op = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), at: fc.nat(30), product }),
  fc.record({ kind: fc.constant('insert' as const), product }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat(30) }),
  fc.record({ kind: fc.constant('share' as const), at: fc.nat(30), shared: fc.boolean() }),
);

function worldWith(products: (string | null)[]) {
  const input = demoWorld();
  input.records.License = products.map((p, i) => ({
    id: `lic-${i}`,
    companyId: 'c-northwind',
    portalIds: i % 4 === 3 ? [] : ['p-northwind'],
    fields: { product: p, seats: i },
  }));
  return parseWorld(input);
}

const plan = (direction: 'asc' | 'desc'): RecordPlan => ({
  scope: { model: 'License', companyId: 'c-northwind', portalId: 'p-northwind', shared: true },
  fields: ['product'],
  filters: [],
  sort: { field: 'product', type: 'string', direction },
});

describe('memory engine: text sort indexes', () => {
  it('after random writes, a sorted list equals the same list sorted afresh (both directions)', async () => {
    let next = 1000;
    await fc.assert(
      fc.asyncProperty(
        fc.array(product, { maxLength: 30 }),
        fc.array(op, { maxLength: 25 }),
        async (start, ops) => {
          const storage = new MemoryStorage(worldWith(start));
          for (const change of ops)
            await storage.write(async () => {
              const store = storage.store;
              const records = [...store.records('License')];
              const target = 'at' in change ? records[change.at % Math.max(records.length, 1)] : undefined;
              if (change.kind === 'insert')
                store.insertRecord('License', {
                  id: `lic-${next++}`,
                  companyId: 'c-northwind',
                  portalIds: ['p-northwind'],
                  fields: { product: change.product, seats: 0 },
                });
              else if (!target) return;
              else if (change.kind === 'update') {
                target.fields.product = change.product;
                store.changedRecord('License', target);
              } else if (change.kind === 'remove') store.removeRecord('License', target.id);
              else {
                target.portalIds = change.shared ? ['p-northwind'] : [];
                store.changedRecord('License', target);
              }
            });
          // Sorted afresh here: the portal's records in insertion order, stably by key, nulls last.
          const shared = storage.store.world.records.License!.filter((r) =>
            r.portalIds.includes('p-northwind'),
          );
          const key = (r: (typeof shared)[number]) =>
            typeof r.fields.product === 'string' ? collationKey(r.fields.product) : null;
          for (const direction of ['asc', 'desc'] as const) {
            const sign = direction === 'asc' ? 1 : -1;
            const afresh = [...shared]
              .sort((a, b) => {
                const [ka, kb] = [key(a), key(b)];
                if (ka === kb) return 0;
                if (ka === null) return 1;
                if (kb === null) return -1;
                return (ka < kb ? -1 : 1) * sign;
              })
              .map((r) => r.id);
            const kept = evaluateAll(storage.store, plan(direction)).map((r) => r.id);
            assert.deepEqual(kept, afresh, direction);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
