// #25 G3, page cost independent of portal size: a portal holding 100,000 records against one
// holding 1,000 — the first page, the 10th keyset page, a filtered count and the dashboard's
// sum widget, through the HTTP contract, on PGlite and (when one answers) the PostgreSQL server.
// Both portals live in one database as two tenants, so the two sizes are measured side by side
// in one run, interleaved, on the same connection: `backend.g3_page_cost.<db>.<query>` is
// p50(large) ÷ p50(small), budget 2 x.
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { openDatabase, serverAnswers, type Database } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { largeWorld } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';
import { report } from './report.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LARGE = Number(process.env.BENCH_G3_RECORDS ?? 100_000);
const SMALL = 1_000;
const ROUNDS = 30;

/** The reads G3 names, each a path to time (the 10th page's cursor is found first). */
const READS = {
  first_page: async () => '/records/License?limit=50',
  page_10: async (backend: Backend, token: string) => {
    let path = '/records/License?limit=50';
    for (let page = 1; page < 10; page++) {
      const body = (await get(backend, token, path)) as { nextCursor: string | null };
      path = `/records/License?limit=50&cursor=${encodeURIComponent(body.nextCursor!)}`;
    }
    return path;
  },
  filtered_count: async () => '/records/License?limit=1&filter=seats:gte:50',
  // Not one of G3's four: a list sorted by a text column still sorts the portal's matches.
  sorted_page: async () => '/records/License?limit=50&sort=product',
  sum_widget: async () => '/pages/pg-dashboard',
};

async function get(backend: Backend, token: string, path: string): Promise<unknown> {
  const response = await backend.handle(
    new Request(`http://bench/api${path}`, { headers: { authorization: `Bearer ${token}` } }),
  );
  if (response.status !== 200) throw new Error(`bench: ${path} ${response.status} ${await response.text()}`);
  return response.json();
}

async function session(backend: Backend): Promise<string> {
  const token = await signLaunchToken(
    { iss: 'bench', sub: 'u-csm-olivia', kind: 'internal', portal: 'p-northwind' },
    DEV_SIGNING_KEY,
  );
  const response = await backend.handle(
    new Request('http://bench/api/session', { method: 'POST', body: JSON.stringify({ token }) }),
  );
  if (response.status !== 200) throw new Error(`bench: session ${response.status} ${await response.text()}`);
  return ((await response.json()) as { session: { token: string } }).session.token;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function measure(name: string, db: Database, cleanup: () => Promise<void>): Promise<boolean> {
  let ok = true;
  try {
    const sizes = { small: SMALL, large: LARGE };
    const served: Record<string, { backend: Backend; token: string }> = {};
    for (const [tenant, size] of Object.entries(sizes)) {
      const started = performance.now();
      const storage = await PostgresStorage.open(db, {
        tenant: `g3-${tenant}`,
        world: largeWorld({ shared: size, unshared: Math.round(size / 50), portals: 1 }),
        closesDatabase: false,
      });
      console.log(`backend.g3.${name}.load_${size}: ${Math.round(performance.now() - started)} ms`);
      const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
      served[tenant] = { backend, token: await session(backend) };
    }
    for (const [read, pathOf] of Object.entries(READS)) {
      const paths = {
        small: await pathOf(served.small!.backend, served.small!.token),
        large: await pathOf(served.large!.backend, served.large!.token),
      };
      const times: Record<'small' | 'large', number[]> = { small: [], large: [] };
      // Interleaved, after a warm-up of each: the machine's noise falls on both sizes alike.
      for (let round = -3; round < ROUNDS; round++)
        for (const size of ['small', 'large'] as const) {
          const { backend, token } = served[size]!;
          const start = performance.now();
          await get(backend, token, paths[size]);
          if (round >= 0) times[size].push(performance.now() - start);
        }
      const [small, large] = [median(times.small), median(times.large)];
      report(`backend.g3.${name}.${read}_${SMALL}_p50`, small, 'ms');
      report(`backend.g3.${name}.${read}_${LARGE}_p50`, large, 'ms');
      ok = report(`backend.g3_page_cost.${name}.${read}`, large / small, 'x', { max: 2 }) && ok;
    }
  } finally {
    await cleanup();
  }
  return ok;
}

export async function run(): Promise<boolean> {
  let ok = true;
  const pglite = await openDatabase();
  ok = (await measure('pglite', pglite, () => pglite.close())) && ok;
  if (!(await serverAnswers(SERVER_URL))) {
    console.log(`page-cost bench: no PostgreSQL server at ${SERVER_URL}; PGlite only`);
    return ok;
  }
  const schema = `pk_bench_g3_${Date.now()}`;
  const admin = await openDatabase({ url: SERVER_URL });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(SERVER_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const server = await openDatabase({ url: url.toString() });
  ok =
    (await measure('postgres', server, async () => {
      await server.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    })) && ok;
  return ok;
}
