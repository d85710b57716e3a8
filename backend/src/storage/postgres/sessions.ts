// Sessions and used launch-token ids (R13) in tables: every instance on the database sees them.
import { createHash } from 'node:crypto';
import type { Session, SessionStorage } from '../../ports/sessions.js';
import { prepared, type Queryable } from './database.js';

/** The session of tenant $1 and token hash $2. */
const GET_SESSION = prepared(
  'SELECT principal, expires_at FROM pk_sessions WHERE tenant_id = $1 AND token_hash = $2',
);
/** The head of tenant $1 and the session of token hash $2, in one statement (a read's first). */
const HEAD_AND_SESSION = prepared(`SELECT h.version, h.epoch, s.principal, s.expires_at FROM pk_head h
    LEFT JOIN pk_sessions s ON s.tenant_id = h.tenant_id AND s.token_hash = $2
   WHERE h.tenant_id = $1`);

/** Sessions an instance that alone writes its tenant keeps (see `kept`), least recently used first. */
const KEPT_SESSIONS = 10_000;

export class PostgresSessionStorage implements SessionStorage {
  readonly #q: () => Queryable;
  readonly #tenant: string;
  /**
   * Whether sessions read now may be kept and answered from memory: only while this instance is
   * the only one writing its tenant (see `PostgresStorage`) and outside a write. Every change of a
   * session goes through this object then, and drops what it kept.
   */
  readonly #keepable: () => boolean;
  readonly #kept = new Map<string, Session>();
  /** Counts the changes of sessions: a read that a change crossed keeps nothing. */
  #changes = 0;
  #lastSweep = 0;

  constructor(queryable: () => Queryable, tenant: string, keepable: () => boolean = () => false) {
    this.#q = queryable;
    this.#tenant = tenant;
    this.#keepable = keepable;
  }

  async get(token: string): Promise<Session | undefined> {
    const hash = sha256(token);
    const keepable = this.#keepable();
    const kept = keepable ? this.#kept.get(hash) : undefined;
    if (kept) {
      // Most recently used last: the first entry is the one to let go.
      this.#kept.delete(hash);
      this.#kept.set(hash, kept);
      return kept;
    }
    const changes = this.#changes;
    const [row] = await this.#q().query<SessionRow>(GET_SESSION, [this.#tenant, hash]);
    const session = sessionOf(row);
    if (session && keepable && this.#keepable() && changes === this.#changes) {
      this.#kept.set(hash, session);
      if (this.#kept.size > KEPT_SESSIONS) this.#kept.delete(this.#kept.keys().next().value!);
    }
    return session;
  }

  /** Forgets every session kept (all of the tenant's were deleted, or another instance may write). */
  forgetKept(): void {
    this.#changes++;
    this.#kept.clear();
  }

  /**
   * The tenant's head and a session, in one statement: what a read asks before it runs (see
   * `PostgresStorage.refresh`).
   */
  async headAndSession<Head>(token: string): Promise<{ head: Head; session: Session | undefined }> {
    const [row] = await this.#q().query<Head & Partial<SessionRow>>(HEAD_AND_SESSION, [
      this.#tenant,
      sha256(token),
    ]);
    const { principal, expires_at, ...head } = row!;
    return {
      head: head as Head,
      session: principal ? sessionOf({ principal, expires_at: expires_at! }) : undefined,
    };
  }

  async set(token: string, session: Session): Promise<void> {
    this.#forget(token);
    await this.#q().query(
      `INSERT INTO pk_sessions (tenant_id, token_hash, principal, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, token_hash) DO UPDATE SET principal = excluded.principal, expires_at = excluded.expires_at`,
      [this.#tenant, sha256(token), JSON.stringify(session.principal), session.expiresAt],
    );
  }

  async delete(token: string): Promise<void> {
    this.#forget(token);
    await this.#q().query('DELETE FROM pk_sessions WHERE tenant_id = $1 AND token_hash = $2', [
      this.#tenant,
      sha256(token),
    ]);
  }

  async clear(): Promise<void> {
    this.forgetKept();
    await this.#q().query('DELETE FROM pk_sessions WHERE tenant_id = $1', [this.#tenant]);
  }

  /** Before a session changes: a read running now keeps nothing, and this one is not kept. */
  #forget(token: string): void {
    this.#changes++;
    this.#kept.delete(sha256(token));
  }

  async useJti(jti: string, exp: number, nowSeconds: number): Promise<boolean> {
    // Forget ids of tokens expired for a while (and sessions long over), at most once a minute.
    if (nowSeconds - this.#lastSweep > 60) {
      this.#lastSweep = nowSeconds;
      await this.#q().query('DELETE FROM pk_used_jti WHERE tenant_id = $1 AND exp < $2', [
        this.#tenant,
        nowSeconds - 120,
      ]);
      await this.#q().query('DELETE FROM pk_sessions WHERE tenant_id = $1 AND expires_at < $2', [
        this.#tenant,
        nowSeconds * 1000 - 3600_000,
      ]);
    }
    // The primary key decides: of two instances inserting one id at once, one inserts.
    const inserted = await this.#q().query(
      `INSERT INTO pk_used_jti (tenant_id, jti, exp) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, jti) DO NOTHING RETURNING jti`,
      [this.#tenant, jti, exp],
    );
    return inserted.length === 1;
  }
}

interface SessionRow {
  principal: Session['principal'];
  expires_at: number;
}

function sessionOf(row: SessionRow | undefined): Session | undefined {
  return row ? { principal: row.principal, expiresAt: row.expires_at } : undefined;
}

/**
 * Node's hash, not Web Crypto's: `crypto.subtle.digest` runs on the thread pool and cost 12% of
 * an instance's time on a read (this storage runs on Node in any case).
 */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
