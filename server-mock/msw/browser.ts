// Starts the msw service worker with the portal handlers (demo page and browser tests).
import { setupWorker } from 'msw/browser';
import { DEV_VERIFY_KEYS } from '../dev-keys.js';
import { Backend, type BackendOptions } from '../http/backend.js';
import type { World } from '../world/schema.js';
import { portalHandlers } from './handlers.js';

export async function startMockBackend(
  world: World,
  options: Partial<BackendOptions> & { apiBase?: string; quiet?: boolean } = {},
) {
  const backend = new Backend(world, { keys: DEV_VERIFY_KEYS, ...options });
  const worker = setupWorker(...portalHandlers(backend, options.apiBase));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: options.quiet ?? true });
  return { backend, worker };
}
