// Starts the msw service worker with the portal handlers (demo page and browser tests).
import { setupWorker } from 'msw/browser';
import type { World } from '../../backend/src/world/schema.js';
import { MockBackend, type MockOptions } from '../mock-backend.js';
import { portalHandlers } from './handlers.js';

export async function startMockBackend(
  world: World,
  options: MockOptions & { apiBase?: string; quiet?: boolean } = {},
) {
  const { apiBase, quiet, ...mockOptions } = options;
  const backend = new MockBackend(world, mockOptions);
  const worker = setupWorker(...portalHandlers(backend, apiBase));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: quiet ?? true });
  return { backend, worker };
}
