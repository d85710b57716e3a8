// Sessions and used launch-token ids in the process: tests, the browser (msw), one instance.
import type { Session, SessionStorage } from '../../ports/sessions.js';

/** In-process storage: tests, the browser (msw) and a single-instance server. */
export class MemorySessionStorage implements SessionStorage {
  readonly #sessions = new Map<string, Session>();
  /** jti → expiry (s). */
  readonly #usedJti = new Map<string, number>();

  async get(token: string) {
    const session = this.#sessions.get(token);
    // A copy: callers change a session only through `set`, as they would a database row.
    return session ? { ...session } : undefined;
  }
  async set(token: string, session: Session) {
    this.#sessions.set(token, { ...session });
  }
  async delete(token: string) {
    this.#sessions.delete(token);
  }
  async clear() {
    this.#sessions.clear();
  }
  async useJti(jti: string, exp: number, nowSeconds: number) {
    for (const [id, expiry] of this.#usedJti) if (expiry < nowSeconds - 120) this.#usedJti.delete(id);
    if (this.#usedJti.has(jti)) return false;
    this.#usedJti.set(jti, exp);
    return true;
  }
}
