// Answers kept for retries with an Idempotency-Key, in the process (tests, the browser, one instance).
import { IDEMPOTENCY_HOURS, type IdempotencyStorage, type StoredAnswer } from '../../ports/idempotency.js';

export class MemoryIdempotencyStorage implements IdempotencyStorage {
  readonly #answers = new Map<string, StoredAnswer & { at: number }>();

  async get(scope: string, key: string, nowMs: number) {
    const stored = this.#answers.get(`${scope}\u0000${key}`);
    if (!stored || stored.at < nowMs - IDEMPOTENCY_HOURS * 3600_000) return undefined;
    return { ...stored };
  }

  async put(scope: string, key: string, answer: StoredAnswer, nowMs: number) {
    // Answers older than the window are forgotten as new ones arrive: memory stays bounded by
    // the writes of one window.
    const oldest = nowMs - IDEMPOTENCY_HOURS * 3600_000;
    for (const [k, stored] of this.#answers) {
      if (stored.at >= oldest) break;
      this.#answers.delete(k);
    }
    // Deleted first, so the map stays in time order (a key past the window is free again).
    this.#answers.delete(`${scope}\u0000${key}`);
    this.#answers.set(`${scope}\u0000${key}`, { ...answer, at: nowMs });
  }
}
