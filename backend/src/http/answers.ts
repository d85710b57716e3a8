// How the backend answers: JSON, the error shape `{ error: { code, message, path?, limit? } }` with
// the code's status, and the exceptions request reading throws to say which refusal it is.
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/error-codes.js';
import type { Refusal, Result } from '../rules/refusal.js';

export type Json = Record<string, unknown> | unknown[];

export const json = (status: number, body: Json) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

export const errorResponse = (
  error: Pick<Refusal, 'code' | 'message'> & {
    status?: number;
    path?: (string | number)[];
    limit?: number;
  },
) =>
  json(error.status ?? ERROR_CODES[error.code].status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path ? { path: error.path } : {}),
      ...(error.limit !== undefined ? { limit: error.limit } : {}),
    },
  });

/** The value at `path` inside a parsed request body. */
export const getPath = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], data);

export const refusal = (code: ErrorCode, message?: string) =>
  errorResponse({ code, message: message ?? ERROR_CODES[code].message });

export const answer = <T>(result: Result<T>, map: (value: T) => Json = (v) => v as Json, status = 200) =>
  result.ok ? json(status, map(result.value)) : errorResponse(result.error);

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
    readonly code: 'bad_request' | 'text_too_long' | 'markup_not_allowed' = 'bad_request',
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** A body or query over its limit: 413. */
export class TooLarge extends Error {}

/** Something named in the path does not exist (an unknown model): 404, like an unknown id. */
export class NotFound extends Error {}
