// The backend as tests and the demo drive it: over a world in memory, with the knobs a product
// never exposes — latency to show loading states, a session lifetime or clock changed mid-test,
// every session ended at once, the data replaced. Backend instances hold nothing of their own
// over a storage, so an option changed here starts a new instance on the same storage.
import { Backend, type BackendOptions } from '../backend/src/http/backend.js';
import type { DataStorage } from '../backend/src/ports/storage.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import type { World } from '../backend/src/world/schema.js';
import type { Store } from '../backend/src/world/store.js';
import { answerProblem } from './answers.js';
import { DEV_VERIFY_KEYS } from './dev-keys.js';

export interface MockOptions extends Partial<Omit<BackendOptions, 'storage'>> {
  /** Artificial latency per request in ms (the demo's loading states; slow-network tests). */
  latencyMs?: number;
  /** Default: memory over the world given. */
  storage?: DataStorage;
  /**
   * Check every answer against the route table (answers.ts) and throw on a drift — the test
   * suite's backends do.
   */
  checkAnswers?: boolean;
}

export class MockBackend {
  #options: Omit<BackendOptions, 'storage'>;
  #backend: Backend;
  #latencyMs: number;
  readonly #checkAnswers: boolean;
  readonly storage: DataStorage;

  constructor(
    world: World | undefined,
    { latencyMs = 0, storage, checkAnswers = false, ...options }: MockOptions = {},
  ) {
    this.#checkAnswers = checkAnswers;
    if (!storage && !world) throw new Error('MockBackend: give a world or a storage.');
    this.storage = storage ?? new MemoryStorage(world!);
    this.#options = { keys: DEV_VERIFY_KEYS, ...options };
    this.#latencyMs = latencyMs;
    this.#backend = new Backend({ ...this.#options, storage: this.storage });
  }

  get store(): Store {
    return this.storage.store;
  }

  /** Method and path pattern of every route, for the contract test. */
  get routes(): string[] {
    return this.#backend.routes;
  }

  async handle(request: Request, basePath = '/api'): Promise<Response> {
    if (this.#latencyMs) await new Promise((r) => setTimeout(r, this.#latencyMs));
    const response = await this.#backend.handle(request, basePath);
    if (this.#checkAnswers) {
      const { pathname } = new URL(request.url);
      const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
      const problem = await answerProblem(request.method, path, response);
      if (problem) {
        console.error(`answer not as documented: ${problem}`);
        throw new Error(`answer not as documented: ${problem}`);
      }
    }
    return response;
  }

  /** Changes latency, session lifetime or clock from the next request on; data and sessions stay. */
  configure({ latencyMs, ...options }: Omit<MockOptions, 'storage' | 'checkAnswers'>): void {
    if (latencyMs !== undefined) this.#latencyMs = latencyMs;
    this.#options = { ...this.#options, ...options };
    this.#backend = new Backend({ ...this.#options, storage: this.storage });
  }

  /** Ends every session at once, as if each expired: the next call answers session_expired. */
  expireSessions(): Promise<void> {
    return this.storage.sessions.clear();
  }

  /** Replaces the data (demo "Reset data"); every session ends. */
  reset(world: World): Promise<void> {
    return this.storage.reset(world);
  }
}
