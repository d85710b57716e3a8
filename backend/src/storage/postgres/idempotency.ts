// Answers of writes made with an Idempotency-Key, in the write's own transaction.
import { IDEMPOTENCY_HOURS, type IdempotencyStorage, type StoredAnswer } from '../../ports/idempotency.js';
import type { Queryable } from './database.js';

/** Answers kept for retries, in the write's own transaction (the queryable of the write running). */
export class PostgresIdempotencyStorage implements IdempotencyStorage {
  readonly #q: () => Queryable;
  readonly #db: Queryable;
  #lastSweep = 0;
  /** The clock of the last answer kept, when a sweep is due (see `sweep`). */
  #sweepAt: number | undefined;

  readonly #tenant: string;

  constructor(queryable: () => Queryable, db: Queryable, tenant: string) {
    this.#q = queryable;
    this.#db = db;
    this.#tenant = tenant;
  }

  /**
   * Forgets answers past the window, at most once a minute — after a write, on the database, not
   * inside the write (its row locks would hold other portals' writes that sweep too).
   */
  async sweep(): Promise<void> {
    const nowMs = this.#sweepAt;
    if (nowMs === undefined) return;
    this.#sweepAt = undefined;
    await this.#db
      .query('DELETE FROM pk_idempotency WHERE tenant_id = $1 AND created_at < $2', [
        this.#tenant,
        nowMs - IDEMPOTENCY_HOURS * 3600_000,
      ])
      .catch((error) => console.error('portalkit storage: old idempotency keys were not swept', error));
  }

  async get(scope: string, key: string, nowMs: number): Promise<StoredAnswer | undefined> {
    const [row] = await this.#q().query<{
      fingerprint: string;
      status: number;
      content_type: string;
      body: string;
    }>(
      `SELECT fingerprint, status, content_type, body FROM pk_idempotency
        WHERE tenant_id = $4 AND scope = $1 AND key = $2 AND created_at >= $3`,
      [scope, key, nowMs - IDEMPOTENCY_HOURS * 3600_000, this.#tenant],
    );
    return (
      row && {
        fingerprint: row.fingerprint,
        status: row.status,
        contentType: row.content_type,
        body: row.body,
      }
    );
  }

  async put(scope: string, key: string, answer: StoredAnswer, nowMs: number): Promise<void> {
    // Answers past the window are forgotten, at most once a minute, after the write (`sweep`).
    if (nowMs - this.#lastSweep > 60_000) {
      this.#lastSweep = nowMs;
      this.#sweepAt = nowMs;
    }
    await this.#q().query(
      // A row still there past the window (not swept yet) is a key free again: replaced.
      `INSERT INTO pk_idempotency (tenant_id, scope, key, fingerprint, status, content_type, body, created_at)
       VALUES ($8, $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
         content_type = excluded.content_type, body = excluded.body, created_at = excluded.created_at`,
      [scope, key, answer.fingerprint, answer.status, answer.contentType, answer.body, nowMs, this.#tenant],
    );
  }
}
