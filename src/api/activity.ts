import { activityRecord } from '../contract/routes/pages.js';
import type { ActivityKind } from '../contract/schemas.js';
import type { PortalApiClient } from './client.js';

/**
 * R15: page views, batched and sent in the background (actions are recorded by the server's
 * writes). Recording never blocks or fails the UI: a batch that cannot be sent is dropped
 * (activity is analytics, not data).
 */
export class ActivityRecorder {
  readonly #client: PortalApiClient;
  readonly #delayMs: number;
  #queue: { kind: ActivityKind; pageId?: string; at: string }[] = [];
  #timer?: ReturnType<typeof setTimeout>;

  constructor(client: PortalApiClient, { delayMs = 5000 } = {}) {
    this.#client = client;
    this.#delayMs = delayMs;
  }

  record(kind: ActivityKind, pageId?: string): void {
    this.#queue.push({ kind, at: new Date().toISOString(), ...(pageId ? { pageId } : {}) });
    if (this.#queue.length >= 50) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Sends what is queued now (also called when the portal is removed or signs out). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const events = this.#queue.splice(0, 100);
    if (events.length === 0) return;
    await this.#client.call(activityRecord, { body: { events }, keepalive: true }).catch(() => undefined);
  }
}
