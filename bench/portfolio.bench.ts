// R22: the portfolio of 10,000 portals — the portals a staff member may open, with active end
// users and last activity — beside the naive way (R10 checked portal by portal) in the same run;
// then, when a server answers, the same on PostgreSQL: the first page in the default order (the
// page's activity read) and ordered by activity (every portal's read).
import { internalMayOpen, portfolioOf } from '../backend/src/rules/portfolio.js';
import { parseWorld } from '../backend/src/world/schema.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import { openDatabase, serverAnswers } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { demoWorldInput } from '../server-mock/demo-world.js';
import { medianMsAsync, report } from './report.js';

const PORTALS = 10_000;
/** The first page, as the portfolio screen asks for it. */
const PAGE = { limit: 100 };

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
  return parseWorld(input);
}

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The first page in the default order and ordered by activity, on the server (in a schema of its own). */
async function onServer(world: ReturnType<typeof bigWorld>, now: Date) {
  const schema = `pk_bench_portfolio_${Date.now()}`;
  const admin = await openDatabase({ url: SERVER_URL });
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const url = new URL(SERVER_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const storage = await PostgresStorage.open(await openDatabase({ url: url.toString() }), { world });
    const { directory, logs } = storage;
    const page = (sort: string) => () =>
      portfolioOf(storage.store, directory, logs, 'u-admin-ava', { sort }, PAGE, now);
    const firstPage = await medianMsAsync(page('name'), { warmup: 2, runs: 9 });
    const byActivity = await medianMsAsync(page('-activeEndUsers'), { warmup: 2, runs: 9 });
    await storage.close();
    return { firstPage, byActivity };
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}

export async function run(): Promise<boolean> {
  const world = bigWorld();
  const { store, logs, directory } = new MemoryStorage(world);
  const now = new Date();
  let rows = 0;
  const allMs = await medianMsAsync(async () => {
    rows = (await portfolioOf(store, directory, logs, 'u-admin-ava', { sort: '-activeEndUsers' }, PAGE, now))
      .total;
  });
  if (rows < PORTALS) throw new Error(`expected every portal for a Portal Super Admin, got ${rows}`);
  let own = 0;
  const ownMs = await medianMsAsync(async () => {
    own = (await portfolioOf(store, directory, logs, 'u-csm-olivia', { q: 'portal 1' }, PAGE, now)).total;
  });
  // The naive way: R10 decided portal by portal (each resolving the portfolio again), once.
  const start = performance.now();
  const naive = store.world.portals.filter((p) => internalMayOpen(store, 'u-csm-olivia', p.id)).length;
  const naiveMs = performance.now() - start;
  const oursOwnFull = await medianMsAsync(
    // Ordered by activity: every portal's figures are read, as the whole portfolio needs.
    () => portfolioOf(store, directory, logs, 'u-csm-olivia', { sort: 'activeEndUsers' }, PAGE, now),
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
  if (await serverAnswers(SERVER_URL)) {
    const server = await onServer(world, now);
    report('portfolio.postgres.first_page_10k_portals_ms', server.firstPage, 'ms', { max: 50 });
    report('portfolio.postgres.by_activity_10k_portals_ms', server.byActivity, 'ms');
  }
  return ok.every(Boolean);
}
