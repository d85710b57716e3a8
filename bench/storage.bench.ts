// The backend on its storages (#14), in one run so ratios compare like with like:
// - a shared list's first page, a string sort, a filtered count and a dashboard widget for one
//   principal, through the HTTP contract, on memory, PGlite and (when one answers) the
//   PostgreSQL server — p50/p95 each, and PostgreSQL ÷ memory — over 10,000 and 100,000
//   licenses (1,000,000 with BENCH_STORAGE_RECORDS=1000000) spread over 1,000 portals, and over
//   100,000 licenses all shared to the principal's one portal (the largest table a person sees);
// - throughput under autocannon on loopback, 20 connections, mixed reads (a 50-row list) and
//   writes (one record edit in ten) on the demo world: memory in one process vs two instances on
//   one database.
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { openDatabase, serverAnswers } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import type { DataStorage } from '../backend/src/ports/storage.js';
import { demoWorld, largeWorld } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';
import { httpSession, spawnInstance } from './instances.js';
import { report } from './report.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RECORDS = Number(process.env.BENCH_STORAGE_RECORDS ?? 100_000);

const QUERIES = {
  first_page: '/records/License?limit=50',
  sort_string: '/records/License?limit=50&sort=product',
  filtered_count: '/records/License?limit=1&filter=seats:gte:50',
  widget: '/pages/pg-dashboard',
};

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

async function timings(backend: Backend, token: string, path: string) {
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    const response = await backend.handle(
      new Request(`http://bench/api${path}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    await response.text();
    if (response.status !== 200) throw new Error(`bench: ${path} ${response.status}`);
    if (i >= 5) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function serverSchema(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!(await serverAnswers(SERVER_URL))) return undefined;
  const schema = `pk_bench_${Date.now()}`;
  const admin = await openDatabase({ url: SERVER_URL });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const url = new URL(SERVER_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const db = await openDatabase({ url: SERVER_URL });
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

/**
 * autocannon against the given ports at once (connections split between them) for `duration`
 * seconds.
 */
async function load(ports: number[], token: string, recordId: string, duration = 5) {
  const results = await Promise.all(
    ports.map((port) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: 20 / ports.length,
        duration,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          ...Array.from({ length: 9 }, () => ({
            method: 'GET' as const,
            path: '/api/records/License?limit=50',
          })),
          {
            method: 'PATCH' as const,
            path: `/api/records/License/${recordId}?page=pg-licenses`,
            body: JSON.stringify({ fields: { seats: 7 } }),
          },
        ],
      }),
    ),
  );
  const requests = results.reduce((sum, r) => sum + r.requests.average, 0);
  const p99 = Math.max(...results.map((r) => r.latency.p99));
  const errors = results.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
  return { requests, p99, errors };
}

export async function run(): Promise<boolean> {
  let ok = true;
  // The scaling curve: 10k, then RECORDS (100k by default; BENCH_STORAGE_RECORDS=1000000 for 1M).
  const sizes = [...new Set([10_000, 100_000, RECORDS])].sort((x, y) => x - y);
  const world = (size: number) =>
    largeWorld({ shared: size, unshared: Math.round(size / 50), portals: 1000 });
  // One portal holding every shared record: what a person's own table costs at its largest.
  const onePortal = Math.min(RECORDS, 100_000);
  const targets: { name: string; storage: () => Promise<DataStorage>; cleanup?: () => Promise<void> }[] = [
    { name: 'memory', storage: async () => new MemoryStorage(world(sizes[0]!)) },
    {
      name: 'pglite',
      storage: async () => PostgresStorage.open(await openDatabase(), { world: world(sizes[0]!) }),
    },
  ];
  const schema = await serverSchema();
  if (schema)
    targets.push({
      name: 'postgres',
      storage: async () =>
        PostgresStorage.open(await openDatabase({ url: schema.url }), { world: world(sizes[0]!) }),
      cleanup: schema.drop,
    });
  else console.log(`storage bench: no PostgreSQL server at ${SERVER_URL}; PGlite and memory only`);

  const memoryFigures: Record<string, number> = {};
  let memoryThroughput: { requests: number; p99: number; errors: number } | undefined;
  for (const target of targets) {
    const storage = await target.storage();
    const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
    const firstPage: number[] = [];
    for (const size of sizes) {
      const started = performance.now();
      if (size !== sizes[0]) await storage.reset(world(size));
      console.log(`storage.${target.name}.load_${size}: ${Math.round(performance.now() - started)} ms`);
      const token = await session(backend);
      for (const [name, path] of Object.entries(QUERIES)) {
        const { p50, p95 } = await timings(backend, token, path);
        const key = `${name}_${size}`;
        report(
          `storage.${target.name}.${key}_p50`,
          p50,
          'ms',
          name === 'first_page' ? { max: 20 } : undefined,
        );
        report(`storage.${target.name}.${key}_p95`, p95, 'ms');
        if (name === 'first_page') firstPage.push(p50);
        if (target.name === 'memory') memoryFigures[key] = p50;
        // Gated where the work dominates (the largest size). Not the sort: the memory engine
        // keeps a sorted order of the portal's records until the next write, a database sorts
        // the matches on each query.
        else if (size === sizes.at(-1) && name !== 'sort_string')
          ok =
            report(`storage.${target.name}_vs_memory.${key}`, p50 / memoryFigures[key]!, 'x', { max: 5 }) &&
            ok;
        else report(`storage.${target.name}_vs_memory.${key}`, p50 / memoryFigures[key]!, 'x');
      }
    }
    // One portal with every record: the principal's own list is large.
    await storage.reset(largeWorld({ shared: onePortal, unshared: 2_000, portals: 1 }));
    {
      const token = await session(backend);
      for (const name of ['first_page', 'sort_string', 'filtered_count'] as const) {
        const { p50, p95 } = await timings(backend, token, QUERIES[name]);
        const key = `one_portal_${name}_${onePortal}`;
        report(`storage.${target.name}.${key}_p50`, p50, 'ms');
        report(`storage.${target.name}.${key}_p95`, p95, 'ms');
        if (target.name === 'memory') memoryFigures[key] = p50;
        else report(`storage.${target.name}_vs_memory.${key}`, p50 / memoryFigures[key]!, 'x');
      }
    }
    // How the cost grows with the data (×10 records).
    if (sizes.length > 1)
      report(
        `storage.${target.name}.first_page_growth_${sizes[0]}_to_${sizes.at(-1)}`,
        firstPage.at(-1)! / firstPage[0]!,
        'x',
      );
    // Throughput on the demo world (as measured for the issue), each instance in a process of
    // its own and autocannon in this one: memory and PGlite one instance; the server two
    // instances on one database.
    await storage.reset(demoWorld());
    const recordId = demoWorld().records.License!.find((r) => r.portalIds.includes('p-northwind'))!.id;
    // The instances' pools sized as README advises: about twice the server's cores in all (it
    // shares this machine's).
    const count = target.name === 'postgres' ? 2 : 1;
    const pool = Math.max(1, Math.round((2 * availableParallelism()) / count));
    const args = target.name === 'postgres' ? ['postgres', schema!.url, String(pool)] : [target.name];
    const instances = await Promise.all(Array.from({ length: count }, () => spawnInstance(args)));
    const ports = instances.map((i) => i.port);
    const token = await httpSession(instances[0]!.port);
    // Measured warm: compiled code, open connections and planned statements, as a server runs.
    await load(ports, token, recordId, 2);
    const figures = await load(ports, token, recordId);
    for (const { child } of instances) child.kill();
    report(
      `storage.${target.name}.throughput_${instances.length}_instance${instances.length > 1 ? 's' : ''}`,
      figures.requests,
      'req/s',
    );
    report(
      `storage.${target.name}.throughput_p99`,
      figures.p99,
      'ms',
      target.name === 'memory' ? undefined : { max: 50 },
    );
    ok = report(`storage.${target.name}.throughput_errors`, figures.errors, 'rows', { max: 0 }) && ok;
    if (target.name === 'memory') memoryThroughput = figures;
    else
      ok =
        report(
          `storage.memory_vs_${target.name}.throughput`,
          memoryThroughput!.requests / figures.requests,
          'x',
          { max: 2 },
        ) && ok;
    // #25 G4: two instances on the server against one in memory, the way round.
    if (target.name === 'postgres')
      report('backend.g4_throughput', figures.requests / memoryThroughput!.requests, 'x', { min: 0.5 });
    await storage.close();
    await target.cleanup?.();
  }
  return ok;
}
