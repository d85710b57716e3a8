// Where sessions and used launch-token ids live. Every backend instance on one storage shares
// them, so instances are stateless: a session opened on one works on another, and a launch token
// used on one is a replay on all (#14 "stateless instances"). Async, as a database adapter is.
import type { Principal } from '../rules/principal.js';

export interface Session {
  principal: Principal;
  expiresAt: number;
}

export interface SessionStorage {
  get(token: string): Promise<Session | undefined>;
  set(token: string, session: Session): Promise<void>;
  delete(token: string): Promise<void>;
  /** Every session ends (demo "reset", "End session now"). */
  clear(): Promise<void>;
  /**
   * Records a launch token's `jti` until its expiry; false when it was already used (a replay).
   * Ids of tokens expired for a while are forgotten.
   */
  useJti(jti: string, exp: number, nowSeconds: number): Promise<boolean>;
}

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
