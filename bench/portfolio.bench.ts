// R22: the portfolio of 10,000 portals — the portals a staff member may open, with active end
// users and last activity — beside the naive way (R10 checked portal by portal) in the same run.
import { internalMayOpen, portfolioOf } from '../backend/src/rules/portfolio.js';
import { parseWorld } from '../backend/src/world/schema.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import { demoWorldInput } from '../server-mock/demo-world.js';
import { medianMsAsync, report } from './report.js';

const PORTALS = 10_000;

function bigWorld() {
  const input = demoWorldInput();
  const owners = ['u-csm-olivia', 'u-csm-liam', 'u-csm-noah', 'u-admin-ava'];
  const now = Date.now();
  for (let i = 0; i < PORTALS; i++) {
    input.companies.push({
      id: `c-${i}`,
      name: `Company ${i}`,
      phase: i % 3 ? 'Onboarding' : 'Renewal',
      tier: 'x',
      region: i % 2 ? 'Americas' : 'EMEA',
      ownerId: owners[i % owners.length],
      coOwnerIds: [],
    });
    input.contacts.push({
      id: `k-${i}`,
      companyId: `c-${i}`,
      name: `Contact ${i}`,
      email: `k${i}@x.example`,
    });
    input.portals.push({
      id: `p-${i}`,
      name: `Portal ${i}`,
      companyId: `c-${i}`,
      templateId: 'tpl-ocean',
      users: [{ contactId: `k-${i}`, roleId: 'xr-viewer' }],
    });
    for (let e = 0; e < 5; e++)
      (input.activity ??= []).push({
        portalId: `p-${i}`,
        contactId: `k-${i}`,
        kind: 'page_view',
        at: new Date(now - ((i * 7 + e * 13) % 60) * 86_400_000).toISOString(),
      });
  }
  return new MemoryStorage(parseWorld(input));
}

export async function run(): Promise<boolean> {
  const { store, logs, directory } = bigWorld();
  const now = new Date();
  let rows = 0;
  const allMs = await medianMsAsync(async () => {
    rows = (await portfolioOf(store, directory, logs, 'u-admin-ava', { sort: '-activeEndUsers' }, now))
      .length;
  });
  if (rows < PORTALS) throw new Error(`expected every portal for a Portal Super Admin, got ${rows}`);
  let own = 0;
  const ownMs = await medianMsAsync(async () => {
    own = (await portfolioOf(store, directory, logs, 'u-csm-olivia', { q: 'portal 1' }, now)).length;
  });
  // The naive way: R10 decided portal by portal (each resolving the portfolio again), once.
  const start = performance.now();
  const naive = store.world.portals.filter((p) => internalMayOpen(store, 'u-csm-olivia', p.id)).length;
  const naiveMs = performance.now() - start;
  const oursOwnFull = await medianMsAsync(
    () => portfolioOf(store, directory, logs, 'u-csm-olivia', {}, now),
    {
      warmup: 1,
      runs: 5,
    },
  );
  console.log(`portfolio: ${rows} portals for a Super Admin, ${own} matching for a CSM, ${naive} openable`);
  const ok = [
    report('portfolio.list_10k_portals_ms', allMs, 'ms', { max: 50 }),
    report('portfolio.own_search_ms', ownMs, 'ms', { max: 50 }),
    // Gated: ours must stay at least 5x faster than the naive per-portal check, measured together.
    report('portfolio.ours_over_naive', oursOwnFull / Math.max(0.01, naiveMs), 'x', { max: 0.2 }),
  ];
  return ok.every(Boolean);
}
