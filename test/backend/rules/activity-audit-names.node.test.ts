// R15, R23, R3: the activity feed and the audit trail name the records they mention as the reader
// may see them — read through the storage, so memory and PostgreSQL (PGlite) answer alike.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { readAuditTrail, readPortalActivity } from '../../../backend/src/rules/manage/trail.js';
import { resolveViewer } from '../../../backend/src/rules/viewer.js';
import { PostgresStorage } from '../../../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import type { World } from '../../../backend/src/world/schema.js';
import { signIn } from '../../helpers/backend.js';
import { testDatabases } from '../../helpers/databases.js';

const NOW = new Date();
const OLIVIA = { kind: 'internal', userId: 'u-csm-olivia', portalId: 'p-northwind' } as const;

/** Alice changes seats of one license, removes another and completes a task; Olivia reads. */
async function afterAlicesWrites(backend: Backend) {
  const alice = await signIn(backend, 'alice');
  await alice.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 42 } });
  await alice.del('/records/License/license-2?page=pg-licenses');
  await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' });
  await backend.storage.refresh();
  const viewer = resolveViewer(backend.storage.store, OLIVIA);
  assert.ok(viewer.ok);
  const store = backend.storage.store;
  const { records, documents, logs } = backend.storage;
  const readers = { records, documents };
  const trail = await readAuditTrail(store, readers, logs, viewer.value, { action: 'record.' });
  const activity = await readPortalActivity(store, readers, logs, viewer.value, NOW);
  assert.ok(trail.ok && activity.ok);
  return { trail: trail.value.items, feed: activity.value.feed };
}

const productOf = (world: World, id: string) =>
  world.records.License!.find((r) => r.id === id)!.fields.product;

function worldWhereCsmCannotSeeProducts(): World {
  const world = demoWorld();
  const csm = world.internalRoles.find((r) => r.id === 'r-csm')!;
  csm.models.License!.fields.product = { view: false, update: false };
  return world;
}

const databases = await testDatabases();

describe('records named for the reader (R3, R15, R23)', () => {
  it('in memory: an updated record by its first field; a removed one and a hidden field not named', async () => {
    const world = demoWorld();
    const { trail, feed } = await afterAlicesWrites(
      new Backend({ storage: new MemoryStorage(structuredClone(world)), keys: DEV_VERIFY_KEYS }),
    );
    const update = trail.find((e) => e.action === 'record.update')!;
    assert.deepEqual(update.object, {
      type: 'License',
      id: 'license-1',
      name: productOf(world, 'license-1'),
    });
    const seats = world.records.License!.find((r) => r.id === 'license-1')!.fields.seats;
    assert.deepEqual(update.readable, [{ field: 'seats', label: 'Seats', from: seats, to: 42 }]);
    assert.equal(trail.find((e) => e.action === 'record.remove')!.object.name, undefined);
    assert.deepEqual(
      feed.map((e) => [e.kind, e.object?.name]),
      [
        ['task.status', 'Import historical data'],
        ['record.remove', undefined],
        ['record.update', productOf(world, 'license-1')],
      ],
    );

    const hidden = await afterAlicesWrites(
      new Backend({ storage: new MemoryStorage(worldWhereCsmCannotSeeProducts()), keys: DEV_VERIFY_KEYS }),
    );
    assert.equal(hidden.trail.find((e) => e.action === 'record.update')!.object.name, undefined);
    assert.equal(hidden.feed.find((e) => e.kind === 'record.update')!.object!.name, undefined);
  });

  for (const target of databases) {
    it(`on ${target.name}: the same names as in memory`, async (t) => {
      const db = await target.open();
      t.after(async () => {
        await db.close();
        await target.cleanup();
      });
      for (const world of [demoWorld(), worldWhereCsmCannotSeeProducts()]) {
        const storage = await PostgresStorage.open(db);
        await storage.reset(structuredClone(world));
        const stored = await afterAlicesWrites(
          new Backend({ keys: DEV_VERIFY_KEYS, storage, now: () => NOW }),
        );
        const memory = await afterAlicesWrites(
          new Backend({
            storage: new MemoryStorage(structuredClone(world)),
            keys: DEV_VERIFY_KEYS,
            now: () => NOW,
          }),
        );
        const names = (r: typeof stored) => [
          r.trail.map((e) => [e.action, e.object.name]),
          r.feed.map((e) => [e.kind, e.object?.name, e.changes]),
        ];
        assert.deepEqual(names(stored), names(memory));
      }
    });
  }
});
