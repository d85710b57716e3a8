// Answers of writes made with an `Idempotency-Key`, kept so a retry of the same request gets the
// first answer and changes nothing (a client whose answer was lost — a dropped connection, a
// timeout — can send again safely). Stored in the write's own transaction: a write that committed
// always has its answer, one that rolled back has none.

/** A write's answer, as it is replayed. */
export interface StoredAnswer {
  /** The route and a hash of the body: the same key with another request is refused, never replayed. */
  fingerprint: string;
  status: number;
  contentType: string;
  body: string;
}

export interface IdempotencyStorage {
  /** The answer stored under `key` for `scope` (the person), unless older than the window. */
  get(scope: string, key: string, nowMs: number): Promise<StoredAnswer | undefined>;
  /** Keeps the answer of the write running now, for at least `IDEMPOTENCY_HOURS`. */
  put(scope: string, key: string, answer: StoredAnswer, nowMs: number): Promise<void>;
}

/** How long an answer is kept for its retries. */
export const IDEMPOTENCY_HOURS = 24;
