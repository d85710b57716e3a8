// Starts the mock backend (msw service worker) with the demo world, once per page.
import { startMockBackend } from '../server-mock/msw/browser.js';
import { demoWorld } from '../server-mock/worlds/demo.js';

const latencyMs = Number(new URLSearchParams(location.search).get('latency') ?? 120);
export const mock = await startMockBackend(demoWorld(), { latencyMs });

export function resetData() {
  mock.backend.reset(demoWorld());
}
