// Where sessions and used launch-token ids live. Every backend instance on one storage shares
// them, so instances are stateless: a session opened on one works on another, and a launch token
// used on one is a replay on all (#14 "stateless instances"). Async, as a database adapter is.
import type { Principal } from './principal.js';

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
