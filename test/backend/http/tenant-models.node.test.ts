// #25: instants read from a world file or an import are kept as the API keeps them (UTC with
// milliseconds), so stored text order is time order: sorts and filters agree with writes. Node:
// the import reads files.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { upsert } from '../../../backend/src/import.js';
import { parseWorld } from '../../../backend/src/world/schema.js';
import { makeBackend, signIn } from '../../helpers/backend.js';
import { customModelWorld } from '../../helpers/custom-world.js';

const LIST = '/records/Subscription';

describe('the tenant’s models: stored instants (#25)', () => {
  it('instants from a world file or an import are kept as writes keep them (UTC), so they sort and filter in time order', async () => {
    const world = customModelWorld();
    const [a, b, c] = world.records.Subscription!;
    a!.fields.startsAt = '2026-12-06T23:30:00+09:00';
    b!.fields.startsAt = '2026-12-06T15:00:00Z';
    c!.fields.startsAt = '2026-12-06T14:45:00.000Z';
    const backend = makeBackend(parseWorld(JSON.parse(JSON.stringify(world))));
    assert.equal(backend.store.record('Subscription', 'sub-1')!.fields.startsAt, '2026-12-06T14:30:00.000Z');
    const alice = await signIn(backend, 'alice');
    const found = await alice.get(`${LIST}?filter=startsAt:eq:2026-12-06T15:00:00Z`);
    assert.deepEqual(
      found.body.items.map((r: { id: string }) => r.id),
      ['sub-2'],
    );
    await upsert(backend.storage, {
      records: {
        Subscription: [
          {
            id: 'sub-1',
            companyId: 'c-northwind',
            portalIds: ['p-northwind'],
            fields: { plan: 'Again', startsAt: '2026-12-07T01:00:00+01:00' },
          },
        ],
      },
    });
    assert.equal(backend.store.record('Subscription', 'sub-1')!.fields.startsAt, '2026-12-07T00:00:00.000Z');
  });
});
