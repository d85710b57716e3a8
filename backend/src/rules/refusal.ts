import { ERROR_CODES, type ErrorCode } from '../../../src/contract/error-codes.js';

/** Why something was refused: a stable machine code, an HTTP status and a message for people. */
export interface Refusal {
  code: ErrorCode;
  status: number;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function refuse<T = never>(code: ErrorCode, message?: string): Result<T> {
  return {
    ok: false,
    error: { code, status: ERROR_CODES[code].status, message: message ?? ERROR_CODES[code].message },
  };
}

/** The one answer for anything missing, unshared or foreign: identical whatever the reason (R3). */
export const notFound = <T = never>(): Result<T> => refuse<T>('not_found');
