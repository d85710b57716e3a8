// #25 G1, an instance's start: the time and heap an instance needs to open a tenant holding
// 10,000 portals × 100 users (1,000,000 contacts), 1,000,000 audit and 1,000,000 activity entries,
// against the demo tenant, both in one database. Each start runs in a process of its own
// (`bench/start-child.ts`, a full collection either side). `backend.g1_start` is the large start's
// time ÷ the demo's (budget 1.2 x); `backend.g1_heap` the heap it holds beyond the demo's (target
// +100 MB). Sizes: BENCH_G1_PORTALS (10,000), BENCH_G1_USERS (100 a portal), BENCH_G1_LOG (1,000,000
// entries of each log). The large tenant is the demo world with the rest written straight into the
// tables by SQL (generate_series), in the shapes an import writes: importing 3,000,000 entries
// through the product would take the bench longer than the figure it measures.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase, serverAnswers, type Database } from '../backend/src/storage/postgres/database.js';
import { PLACE_LOGS } from '../backend/src/storage/postgres/migrations.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { medianMsAsync, report } from './report.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORTALS = Number(process.env.BENCH_G1_PORTALS ?? 10_000);
const USERS = Number(process.env.BENCH_G1_USERS ?? 100);
const LOG = Number(process.env.BENCH_G1_LOG ?? 1_000_000);
const run$ = promisify(execFile);

/** Writes the large tenant's companies, contacts, portals and log entries (see the top). */
export async function fill(db: Database, tenant: string): Promise<void> {
  const [head] = await db.query<{ next_ord: number }>('SELECT next_ord FROM pk_head WHERE tenant_id = $1', [
    tenant,
  ]);
  const [template] = await db.query<{ body: unknown }>(
    `SELECT body FROM pk_entities WHERE tenant_id = $1 AND list = 'portals' AND id = 'p-northwind'`,
    [tenant],
  );
  let ord = head!.next_ord;
  const entities = async (list: string, select: string, rows: number) => {
    await db.query(
      `INSERT INTO pk_entities (tenant_id, list, id, ord, version, body)
       SELECT $1, $2, e.id, $3 + row_number() OVER (), 1, e.body FROM (${select}) e`,
      [tenant, list, ord, PORTALS, USERS, JSON.stringify(template!.body)],
    );
    ord += rows;
  };
  // $4 portals, $5 users a portal, $6 the demo's portal (every large portal is shaped like it).
  await entities(
    'companies',
    `SELECT 'c-g1-' || i AS id, json_build_object('id', 'c-g1-' || i, 'name', 'Company ' || i,
       'phase', 'Onboarding', 'tier', 'Enterprise', 'region', 'Americas', 'custom', json_build_object(),
       'ownerId', 'u-csm-olivia', 'coOwnerIds', json_build_array(), 'followerIds', json_build_array(),
       'collaboratorIds', json_build_array()) AS body
       FROM generate_series(0, $4::int - 1) i WHERE $5::int >= 0 AND $6::text IS NOT NULL`,
    PORTALS,
  );
  await entities(
    'contacts',
    `SELECT 'k-g1-' || i || '-' || j AS id, json_build_object('id', 'k-g1-' || i || '-' || j,
       'companyId', 'c-g1-' || i, 'name', 'Person ' || i || '.' || j,
       'email', 'p' || i || '.' || j || '@g1.example', 'featured', j = 0) AS body
       FROM generate_series(0, $4::int - 1) i, generate_series(0, $5::int - 1) j WHERE $6::text IS NOT NULL`,
    PORTALS * USERS,
  );
  await entities(
    'portals',
    `SELECT 'p-g1-' || i AS id, ($6::jsonb || jsonb_build_object('id', 'p-g1-' || i, 'name', 'Portal ' || i,
       'companyId', 'c-g1-' || i, 'invitedInternalIds', jsonb_build_array(),
       'audience', jsonb_build_object('kind', 'all', 'contactIds', jsonb_build_array()),
       'users', (SELECT jsonb_agg(jsonb_build_object('contactId', 'k-g1-' || i || '-' || j,
                  'roleId', 'xr-viewer', 'active', true, 'admin', j = 0, 'roleSetBy', 'hand'))
                   FROM generate_series(0, $5::int - 1) j)))::json AS body
       FROM generate_series(0, $4::int - 1) i`,
    PORTALS,
  );
  // Each log's entries spread over the portals in turn: entry n is the (n ÷ portals)th of its portal.
  for (const list of ['audit', 'activity'] as const) {
    const body =
      list === 'audit'
        ? `json_build_object('at', at, 'portalId', portal, 'actor',
             json_build_object('kind', 'internal', 'id', 'u-csm-olivia'), 'action', 'record.update',
             'object', json_build_object('type', 'License', 'id', 'lic-' || n))`
        : `json_build_object('portalId', portal, 'contactId', 'k-g1-' || (n % $3::int) || '-' || ((n / $3::int) % $4::int),
             'kind', 'page.view', 'pageId', 'pg-welcome', 'at', at)`;
    await db.query(
      `INSERT INTO pk_appended (tenant_id, ord, list, version, body, pos)
       SELECT $1, $5::bigint + n, $6, 1, ${body}, n / $3::int
         FROM (SELECT n, 'p-g1-' || (n % $3::int) AS portal,
                      to_char(timestamp '2026-01-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
                 FROM generate_series(0, $2::int - 1) n) x
        WHERE $4::int > 0`,
      [tenant, LOG, PORTALS, USERS, ord, list],
    );
    ord += LOG;
  }
  // Each portal log's next place, as an import keeps it (a write appends there).
  await db.query(`DELETE FROM pk_log_places WHERE tenant_id = $1`, [tenant]);
  await db.query(PLACE_LOGS('tenant_id = $1'), [tenant]);
  await db.query('UPDATE pk_head SET next_ord = $1, version = version + 1 WHERE tenant_id = $2', [
    ord,
    tenant,
  ]);
  await db.query('ANALYZE pk_entities, pk_appended');
}

/** An instance's start on `tenant` in a process of its own: its time and heap growth. */
async function start(where: string, tenant: string): Promise<{ ms: number; heapMb: number }> {
  const child = fileURLToPath(new URL('./start-child.ts', import.meta.url));
  const { stdout } = await run$(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', child, where, tenant],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; heapMb: number };
}

/**
 * What the large tenant's requests read that an instance no longer holds (printed, not gated:
 * absolute times on a shared machine): a company not held yet (its portal, 100 contacts), the
 * portfolio's every company and portal head, the roles' holders, a role's first holders.
 */
async function requestCosts(where: { url: string } | { dir: string }, name: string): Promise<void> {
  const db = await openDatabase(where);
  try {
    const storage = await PostgresStorage.open(db, { tenant: 'g1-large', closesDatabase: false });
    let next = 0;
    const company = await medianMsAsync(() => storage.loadCompanies({ portals: [`p-g1-${next++}`] }));
    report(`backend.g1.${name}.company_not_held`, company, 'ms');
    const { directory } = storage;
    const portfolio = await medianMsAsync(() => Promise.all([directory.companies(), directory.portals()]), {
      warmup: 1,
      runs: 5,
    });
    report(`backend.g1.${name}.every_company_and_portal`, portfolio, 'ms');
    report(`backend.g1.${name}.role_holders`, await medianMsAsync(() => directory.roleHolders()), 'ms');
    const first = await medianMsAsync(() => directory.holdersOf('xr-viewer', 5));
    report(`backend.g1.${name}.first_holders_of_a_role`, first, 'ms');
  } finally {
    await db.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<boolean> {
  const onServer = await serverAnswers(SERVER_URL);
  const schema = `pk_bench_g1_${Date.now()}`;
  let where: string;
  let dir: string | undefined;
  if (onServer) {
    const admin = await openDatabase({ url: SERVER_URL });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const url = new URL(SERVER_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    where = url.toString();
  } else {
    dir = mkdtempSync(join(tmpdir(), 'pk-bench-g1-'));
    where = dir;
  }
  const name = onServer ? 'postgres' : 'pglite';
  try {
    const db = await openDatabase(onServer ? { url: where } : { dir: where });
    for (const tenant of ['g1-demo', 'g1-large']) {
      const storage = await PostgresStorage.open(db, { tenant, world: demoWorld(), closesDatabase: false });
      await storage.close();
    }
    const filling = performance.now();
    await fill(db, 'g1-large');
    console.log(
      `backend.g1.${name}.fill: ${PORTALS} portals × ${USERS} users, ${LOG} + ${LOG} log entries in ${Math.round(performance.now() - filling)} ms`,
    );
    await db.close();
    const demo: { ms: number; heapMb: number }[] = [];
    const large: { ms: number; heapMb: number }[] = [];
    // Interleaved, after one start of each: noise falls on both alike.
    for (let round = 0; round < 3; round++) {
      demo.push(await start(where, 'g1-demo'));
      large.push(await start(where, 'g1-large'));
    }
    const demoMs = median(demo.map((s) => s.ms));
    const largeMs = median(large.map((s) => s.ms));
    const heap = median(large.map((s) => s.heapMb)) - median(demo.map((s) => s.heapMb));
    report(`backend.g1.${name}.start_demo`, demoMs, 'ms');
    report(`backend.g1.${name}.start_large`, largeMs, 'ms');
    report(`backend.g1_heap.${name}`, heap, 'MB', { max: 100 });
    const ok = report(`backend.g1_start.${name}`, largeMs / demoMs, 'x', { max: 1.2 });
    await requestCosts(onServer ? { url: where } : { dir: where }, name);
    return ok;
  } finally {
    if (onServer) {
      const admin = await openDatabase({ url: SERVER_URL });
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    } else rmSync(dir!, { recursive: true, force: true });
  }
}
