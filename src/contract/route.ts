// What a route of the contract is (routes.ts holds them all), and the types a call of one takes
// and answers — derived from the route, so a path, query, body or answer is written once.
import type * as z from 'zod/mini';
import type { ErrorCode } from './error-codes.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface QueryParam {
  readonly name: string;
  readonly description: string;
  readonly repeat?: boolean;
  readonly required?: boolean;
}

export interface Route {
  /** How the client calls it, the backend serves it, and OpenAPI names it (operationId). */
  readonly key: string;
  readonly method: Method;
  /** Under the API base; `{name}` is a path parameter. */
  readonly path: string;
  /** The JSON request body. */
  readonly body?: z.ZodMiniType;
  /** The JSON answer; without one (and without `contentType`) the answer has no body. */
  readonly response?: z.ZodMiniType;
  /** The success status (default 200). */
  readonly status?: 200 | 201 | 202 | 204;
  readonly query?: readonly QueryParam[];
  /** An answer that is not JSON (CSV, a file's own type). */
  readonly contentType?: string;
  /** A request body that is not JSON (file uploads). */
  readonly rawBody?: string;
  /** Without a session (the token exchange). */
  readonly auth?: false;
  /** A write made through a page: `page` in the query names it; a page shared to view refuses (R2). */
  readonly throughPage?: true;
  /** Error codes this route answers beyond the ones every route of its kind can. */
  readonly errors?: readonly ErrorCode[];
}

/** `{ model: string; id: string }` for `/records/{model}/{id}`. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [N in Name]: string } & PathParams<Rest>
  : unknown;
export type RouteParams<R extends Route> = PathParams<R['path']>;

type QueryNames<R extends Route> = R extends { query: readonly (infer Q)[] }
  ? Q extends { name: infer N extends string }
    ? N
    : never
  : never;
export type RouteQuery<R extends Route> = {
  [N in QueryNames<R>]?: string | number | readonly string[] | undefined;
} & (R extends { throughPage: true } ? { page: string } : unknown);

/** What a route's JSON body takes (`never`: the route has none). */
export type RouteBody<R extends Route> = R extends { body: infer S extends z.ZodMiniType }
  ? z.input<S>
  : never;

/** What a call answers: the parsed JSON, the raw Response for CSV and file content, or nothing. */
export type RouteAnswer<R extends Route> = R extends { response: infer S extends z.ZodMiniType }
  ? z.output<S>
  : R extends { contentType: string }
    ? Response
    : void;
