// The logs stay in the database (#25 step 2): an instance on a database holding many audit and
// activity entries starts as fast and as small as one on the demo world, and a portal's trail,
// feed and people answer as fast whether its logs hold 10,000 entries or all of them. Ratios and
// differences measured in one run. Before #25 an instance loaded every entry at start (1M audit
// entries: 31.7 s, 710 MB heap).
//
// BENCH_LOG_ENTRIES sets the audit entries and as many activity entries (default 200,000), spread
// over 100 portals with a tenth in Northwind's; on the PostgreSQL server when one answers, else
// on PGlite (a quarter as many).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { openDatabase, serverAnswers, type Database } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import type { World } from '../backend/src/world/schema.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';
import { report } from './report.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PORTALS = 100;
const READS = ['/manage/audit?limit=50', '/manage/activity', '/manage/people'];

/** The demo world with `entries` audit entries and as many activity events. */
function worldWithLogs(entries: number): World {
  const world = demoWorld();
  const start = Date.now() - 80 * 86_400_000;
  for (let i = 0; i < entries; i++) {
    // One in ten in Northwind's portal (by Alice and Bob), the rest spread over the others.
    const portalId = i % 10 === 0 ? 'p-northwind' : `p-bench-${i % PORTALS}`;
    const contactId = i % 20 === 0 ? 'k-nw-alice' : i % 10 === 0 ? 'k-nw-bob' : `k-bench-${i % 997}`;
    const at = new Date(start + i * Math.floor((80 * 86_400_000) / entries)).toISOString();
    world.audit.push({
      at,
      portalId,
      actor: { kind: 'external', id: contactId },
      action: 'record.update',
      object: { type: 'License', id: 'license-1' },
      changes: [{ field: 'seats', from: i, to: i + 1 }],
    });
    world.activity.push({ portalId, contactId, kind: 'page_view', pageId: 'pg-welcome', at });
  }
  return world;
}

interface Target {
  name: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function target(): Promise<Target> {
  if (!(await serverAnswers(SERVER_URL))) {
    return { name: 'pglite', open: () => openDatabase(), drop: async () => {} };
  }
  const schemas: string[] = [];
  return {
    name: 'postgres',
    async open() {
      const schema = `pk_bench_logs_${Date.now()}_${schemas.length}`;
      schemas.push(schema);
      const admin = await openDatabase({ url: SERVER_URL });
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.close();
      const url = new URL(SERVER_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return openDatabase({ url: url.toString() });
    },
    async drop() {
      const db = await openDatabase({ url: SERVER_URL });
      for (const schema of schemas) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** Opens an instance on `db` (already holding its world): milliseconds and heap it added. */
async function start(db: Database) {
  gc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const began = performance.now();
  const storage = await PostgresStorage.open(db);
  const ms = performance.now() - began;
  gc();
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  return { ms, heap, storage };
}

async function readTimes(storage: PostgresStorage) {
  const backend = new Backend({ keys: DEV_VERIFY_KEYS, storage });
  const token = await signLaunchToken(
    { iss: 'bench', sub: 'u-csm-olivia', kind: 'internal', portal: 'p-northwind' },
    DEV_SIGNING_KEY,
  );
  const opened = await backend.handle(
    new Request('http://bench/api/session', { method: 'POST', body: JSON.stringify({ token }) }),
  );
  const session = ((await opened.json()) as { session: { token: string } }).session.token;
  const get = async (path: string) => {
    const response = await backend.handle(
      new Request(`http://bench/api${path}`, { headers: { authorization: `Bearer ${session}` } }),
    );
    const body = (await response.json()) as { nextCursor?: string | null };
    if (response.status !== 200) throw new Error(`bench: ${path} ${response.status}`);
    return body;
  };
  // The 10th page of the trail, through the cursors it gives.
  let tenth = READS[0]!;
  for (let page = 1; page < 10; page++) {
    const body = await get(tenth);
    tenth = `${READS[0]}&cursor=${body.nextCursor}`;
  }
  const median = async (path: string) => {
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const began = performance.now();
      await get(path);
      if (i >= 5) times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  };
  let total = 0;
  const each: string[] = [];
  for (const path of [...READS, tenth]) {
    const ms = await median(path);
    each.push(`${path.replace(/cursor=.*/, 'cursor=…')} ${ms.toFixed(1)} ms`);
    total += ms;
  }
  console.log(`logs: ${each.join(', ')}`);
  return total;
}

export async function run(): Promise<boolean> {
  const where = await target();
  const many = Number(process.env.BENCH_LOG_ENTRIES ?? 200_000) / (where.name === 'pglite' ? 4 : 1);
  try {
    const small = await where.open();
    const large = await where.open();
    const importStart = performance.now();
    await (await PostgresStorage.open(small, { world: worldWithLogs(10_000) })).refresh();
    await (await PostgresStorage.open(large, { world: worldWithLogs(many) })).refresh();
    console.log(
      `logs (${where.name}): ${many} audit and ${many} activity entries imported in ${((performance.now() - importStart) / 1000).toFixed(1)} s`,
    );
    // Interleaved, so the machine's noise falls on both alike; medians of five starts each.
    const starts = { small: [] as number[], large: [] as number[], heap: [] as number[] };
    let storages: PostgresStorage[] = [];
    for (let round = 0; round < 5; round++) {
      const s = await start(small);
      const l = await start(large);
      starts.small.push(s.ms);
      starts.large.push(l.ms);
      starts.heap.push(l.heap - s.heap);
      storages = [s.storage, l.storage];
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const smallReads = await readTimes(storages[0]!);
    const largeReads = await readTimes(storages[1]!);
    console.log(
      `logs: start ${median(starts.small).toFixed(0)} ms with 10,000 entries, ${median(starts.large).toFixed(0)} ms with ${many}; reads ${smallReads.toFixed(1)} ms vs ${largeReads.toFixed(1)} ms`,
    );
    const ok = [
      report('backend.logs_start', median(starts.large) / median(starts.small), 'x', { max: 1.2 }),
      report('backend.logs_start_heap_growth', median(starts.heap) / 2 ** 20, 'MB', { max: 5 }),
      report('backend.logs_read_cost', largeReads / smallReads, 'x', { max: 2 }),
    ];
    await small.close();
    await large.close();
    return ok.every(Boolean);
  } finally {
    await where.drop();
  }
}
