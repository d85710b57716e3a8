// G2 (#25): an instance's heap does not grow with the writes it serves. Record edits and page
// views through the HTTP contract on PGlite (BENCH_GROWTH_WRITES, default 10,000; the issue's
// figure is 1M): the heap after them, against the heap after a warm-up, in one run. Before #25
// step 2 every write's audit and activity entries stayed in every instance's memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { openDatabase } from '../backend/src/storage/postgres/database.js';
import { PostgresStorage } from '../backend/src/storage/postgres/storage.js';
import { demoWorld, PERSONAS } from '../server-mock/demo-world.js';
import { DEV_SIGNING_KEY } from '../server-mock/dev-keys.js';
import { signLaunchToken } from '../src/server/index.js';
import { report } from './report.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const WRITES = Number(process.env.BENCH_GROWTH_WRITES ?? 10_000);

/**
 * The heap a full collection leaves once the event loop has run in between: what a
 * FinalizationRegistry holds for collected objects is let go by its callbacks, which run as tasks
 * (each POST's `request.clone()` registers one in Node's fetch). Collections alone, back to back,
 * counted those as growth: +10.7 MB after 10,000 writes and +20.8 MB after 20,000, against under
 * 1 MB whatever the number once they ran.
 */
async function heap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  gc();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<boolean> {
  const db = await openDatabase();
  const backend = new Backend({
    keys: DEV_VERIFY_KEYS,
    storage: await PostgresStorage.open(db, { world: demoWorld() }),
  });
  const { label: _label, ...claims } = PERSONAS.alice;
  const token = await signLaunchToken({ iss: 'bench', ...claims }, DEV_SIGNING_KEY);
  const opened = await backend.handle(
    new Request('http://bench/api/session', { method: 'POST', body: JSON.stringify({ token }) }),
  );
  const session = ((await opened.json()) as { session: { token: string } }).session.token;
  const send = async (method: string, path: string, body: unknown) => {
    const response = await backend.handle(
      new Request(`http://bench/api${path}`, {
        method,
        headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`bench: ${method} ${path} ${response.status}`);
  };
  // Each turn two writes: a record edit (a record, its audit entry, an activity event) and a page view.
  const turn = async (i: number) => {
    await send('PATCH', '/records/License/license-1?page=pg-licenses', { fields: { seats: i % 50 } });
    await send('POST', '/activity', {
      events: [{ kind: 'page_view', pageId: 'pg-welcome', at: new Date().toISOString() }],
    });
  };
  for (let i = 0; i < 250; i++) await turn(i);
  const before = await heap();
  const started = performance.now();
  for (let i = 0; i < WRITES / 2; i++) await turn(i);
  const seconds = (performance.now() - started) / 1000;
  const growth = ((await heap()) - before) / 2 ** 20;
  console.log(
    `growth: ${WRITES} writes on PGlite in ${seconds.toFixed(1)} s; heap ${growth.toFixed(2)} MB after them`,
  );
  await db.close();
  return report('backend.g2_heap_growth', growth, 'MB', { max: (50 * WRITES) / 1_000_000 + 5 });
}
