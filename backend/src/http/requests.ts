// Reading a request: bodies within their limits (checked while they stream in), JSON against the
// contract's schemas (text within its limit, never markup that would run), list queries, path
// segments, and what refuses an upload before a byte of it is read.
import * as z from 'zod/mini';
import { RecordWrite } from '../../../src/contract/schemas.js';
import { writeThrough } from '../rules/content.js';
import { fileRoutesAllowed } from '../rules/files.js';
import { type RecordFilter, type RecordQuery } from '../rules/records.js';
import { type Viewer } from '../rules/viewer.js';
import type { ModelName } from '../world/models.js';
import { runnableText } from '../world/sanitize.js';
import type { Store } from '../world/store.js';
import { BadRequest, errorResponse, getPath, NotFound, refusal, TooLarge } from './answers.js';

/** Body limits, checked while the body streams in (never after buffering it). */
export const BODY_LIMITS = { session: 16 * 1024, json: 256 * 1024, document: 2 * 1024 * 1024 } as const;

/**
 * Reads at most `limit` bytes of the body: a declared Content-Length over the limit is refused
 * before a byte is read, and a stream that runs past it is cancelled there.
 */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new TooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) bytes.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
  return bytes;
}

/**
 * What refuses an upload without reading it (R2, R6): its name (in the query; its type travels in
 * Content-Type), the role's file access, the page it is made through.
 */
export function uploadRefusal(store: Store, viewer: Viewer, url: URL): Response | undefined {
  const name = url.searchParams.get('name');
  if (!name) throw new BadRequest('name is required.', ['name']);
  if (name.length > 1000) throw new BadRequest('name is longer than 1000 characters.', ['name']);
  refuseRunnable({ name });
  const allowed = fileRoutesAllowed(viewer);
  if (!allowed.ok) return errorResponse(allowed.error);
  const through = writeThrough(store, viewer, url.searchParams.get('page'), { type: 'files' });
  if (!through.ok) return errorResponse(through.error);
  return undefined;
}

/** The request with its body read (at most the largest JSON limit), ready to be read again. */
export async function bufferedRequest(request: Request): Promise<Request> {
  const body = await readBytes(request, Math.max(...Object.values(BODY_LIMITS)));
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body as RequestInit['body'],
  });
}

export async function readJson(request: Request, limit: number = BODY_LIMITS.json): Promise<unknown> {
  const bytes = await readBytes(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

/** `html`: the one top-level field of the body that is HTML (a document's), if any. */
export function parseBody<T>(data: unknown, schema: z.ZodMiniType<T>, html?: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || 'body';
    // Text over its limit says which limit, so the person can shorten it (nothing is cut).
    if (issue.code === 'too_big' && issue.origin === 'string')
      throw new BadRequest(
        `${where}: at most ${issue.maximum} characters, got ${String(getPath(data, issue.path)).length}.`,
        issue.path as (string | number)[],
        'text_too_long',
        Number(issue.maximum),
      );
    throw new BadRequest(`${where}: ${issue.message}`, issue.path as (string | number)[]);
  }
  // HTML is sanitised to the allow-list when stored (R8); every other string is plain text.
  refuseRunnable(parsed.data, (path) => path.length === 1 && path[0] === html);
  return parsed.data;
}

/**
 * R8: plain text is kept as typed, escaped when shown — but text holding markup that would run
 * (a script, an event handler, a `javascript:` link) is refused with the path of the field, never
 * stored or served.
 */
export function refuseRunnable(value: unknown, isHtml?: (path: (string | number)[]) => boolean): void {
  const [first] = runnableText(value, isHtml);
  if (first)
    throw new BadRequest(
      `${first.path.join('.') || 'body'}: ${first.reason}; everything else is kept as typed.`,
      first.path,
      'markup_not_allowed',
    );
}

export const readBody = async <T>(
  request: Request,
  schema: z.ZodMiniType<T>,
  limit?: number,
  html?: string,
) => parseBody(await readJson(request, limit), schema, html);

/**
 * The fields of a record write, every key the client sent kept: zod drops a `__proto__` key,
 * so it is put back as a plain own property and the rules refuse it like any undeclared field.
 */
export async function readRecordWrite(request: Request): Promise<Record<string, unknown>> {
  const raw = await readJson(request);
  const { fields } = parseBody(raw, RecordWrite);
  const sent = (raw as { fields: object }).fields;
  if (Object.hasOwn(sent, '__proto__'))
    Object.defineProperty(fields, '__proto__', { value: null, enumerable: true, configurable: true });
  return fields;
}

/** A path segment, percent-decoded; a malformed escape is the client's mistake, not ours. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`The path segment "${segment}" is not valid percent-encoding.`);
  }
}

export const FILTER = /^([A-Za-z][\w]*):(eq|ne|contains|gte|lte|in):(.*)$/s;

export function parseQuery(params: URLSearchParams): RecordQuery {
  const query: RecordQuery = {};
  const sort = params.get('sort');
  if (sort)
    query.sort = sort.startsWith('-')
      ? { field: sort.slice(1), direction: 'desc' }
      : { field: sort, direction: 'asc' };
  const filters: RecordFilter[] = [];
  for (const raw of params.getAll('filter')) {
    const match = FILTER.exec(raw);
    if (!match)
      throw new BadRequest(
        `filter "${raw}" must look like field:op:value (op: eq, ne, contains, gte, lte, in).`,
        ['filter'],
      );
    filters.push({ field: match[1]!, op: match[2] as RecordFilter['op'], value: match[3]! });
  }
  if (filters.length) query.filters = filters;
  const q = params.get('q');
  if (q) query.q = q;
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  const offset = params.get('offset');
  if (offset !== null) {
    if (!/^\d+$/.test(offset)) throw new BadRequest('offset must be a non-negative integer.', ['offset']);
    query.offset = Number(offset);
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d+$/.test(limit)) throw new BadRequest('limit must be a positive integer.', ['limit']);
    query.limit = Number(limit);
  }
  return query;
}

/**
 * The `Idempotency-Key` of a POST, when it has one: 1–255 visible ASCII characters (a UUID is
 * typical). Anything else is refused before the write, naming the header.
 */
export function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get('idempotency-key');
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new BadRequest('Idempotency-Key must be 1–255 visible ASCII characters.', ['Idempotency-Key']);
  return key;
}

/**
 * What identifies a request for its Idempotency-Key: everything that could change what it does —
 * the route, its path (ids), its query (sorted: `page`, an upload's `name`), its content type and
 * a hash of its body. The same key with any of them different is another request.
 */
export async function fingerprintOf(routeKey: string, request: Request): Promise<string> {
  const url = new URL(request.url);
  const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const head = JSON.stringify([routeKey, url.pathname, query, request.headers.get('content-type') ?? '']);
  const hex = async (data: ArrayBuffer) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  // Hex, not Buffer: the backend also runs in the browser (msw). Two digests, so a large upload
  // is hashed as it is, never copied.
  const headBytes = new TextEncoder().encode(head);
  return `${await hex(headBytes.buffer as ArrayBuffer)}.${await hex(await request.clone().arrayBuffer())}`;
}

/**
 * `cursor` (a place in a list: a whole number) and `limit` of a paged list; a limit over `max` is
 * refused as `limit_too_large`, naming it.
 */
export function pageOf(
  query: URLSearchParams,
  size: { limit: number; max: number },
): { offset: number; limit: number } | Response {
  const cursor = query.get('cursor');
  if (cursor !== null && !/^\d{1,12}$/.test(cursor)) throw new BadRequest('cursor is not valid.', ['cursor']);
  const limit = limitOf(query, size);
  if (limit instanceof Response) return limit;
  return { offset: cursor === null ? 0 : Number(cursor), limit };
}

/** A page's `limit`: `fallback` when not given; over `max`, a `limit_too_large` answer. */
export function limitOf(
  query: URLSearchParams,
  { limit: fallback, max }: { limit: number; max: number },
): number | Response {
  const limit = query.get('limit');
  if (limit !== null && !/^\d{1,6}$/.test(limit)) throw new BadRequest('limit must be a number.', ['limit']);
  const size = limit === null ? fallback : Number(limit);
  if (size < 1) throw new BadRequest('limit must be at least 1.', ['limit']);
  if (size > max) return refusal('limit_too_large', `limit must be at most ${max}.`);
  return size;
}

/** A model named in a path: one of the tenant's, else 404 like an unknown id. */
export function modelOf(viewer: Viewer, name: string): ModelName {
  if (!viewer.schema.has(name)) throw new NotFound(`No model "${name}".`);
  return name;
}

/**
 * The language a person reads (the first tag of Accept-Language, which the SDK sends): labels of
 * the tenant's models are answered in it where the schema has them.
 */
export function languageOf(request: Request): string {
  const first = request.headers.get('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  if (!first || first === '*') return 'en';
  try {
    return Intl.getCanonicalLocales(first)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
