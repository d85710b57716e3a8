// Token → session + bootstrap (with the landing page's content) in the mock backend.
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';
import { report } from './report.js';

export async function run(): Promise<boolean> {
  const backend = new Backend({ storage: new MemoryStorage(demoWorld()), keys: DEV_VERIFY_KEYS });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const token = await signLaunchToken(
      { iss: 'bench', sub: 'k-nw-alice', kind: 'external', portal: 'p-northwind' },
      DEV_SIGNING_KEY,
    );
    const start = performance.now();
    const response = await backend.handle(
      new Request('http://bench/api/session', { method: 'POST', body: JSON.stringify({ token }) }),
    );
    await response.text();
    if (i >= 10) times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`exchange failed: ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return report('session.exchange_median', times[Math.floor(times.length / 2)]!, 'ms', { max: 20 });
}
