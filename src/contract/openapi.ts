import type * as z from 'zod/mini';
import { toJSONSchema } from 'zod/v4/core';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { ApiErrorBody } from './error.js';
import { ROUTE_DOCS } from './route-docs.js';
import { ROUTE_LIST, type QueryParam, type Route } from './routes.js';
import { LaunchClaims } from './schemas.js';

type Schema = z.ZodMiniType;

const PAGE_QUERY: QueryParam = {
  name: 'page',
  description:
    'Id of the page the write is made through (required). A page shared with `view` answers 403 read_only_page.',
  required: true,
};

/** An answer's schema: what the backend sends (defaults applied). */
const json = (schema: Schema) =>
  toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });
/** A request body's schema: what a client may send (a field with a default is optional). */
const jsonInput = (schema: Schema) =>
  toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });

const SESSION_ERRORS: ErrorCode[] = [
  'session_missing',
  'session_expired',
  'session_revoked',
  'no_portal_selected',
];

/**
 * The error codes a route can answer: those of every authenticated call, of a body, of an id in
 * the path, of a write through a page, of the staff routes, and the route's own. The document
 * lists them, and every answer of the test suite is checked against them (server-mock/answers.ts).
 */
export function errorCodes(route: Route): ErrorCode[] {
  const path = route.path;
  const method = route.method.toLowerCase();
  const codes = new Set<ErrorCode>(route.auth === false ? [] : SESSION_ERRORS);
  if (route.body || route.rawBody || route.query?.length) codes.add('bad_request');
  if (route.body || route.rawBody) codes.add('payload_too_large');
  // Text is kept exactly, within its limit, and never markup that would run (R8); ids in a body
  // name things that must exist.
  if (route.body || route.rawBody)
    for (const c of ['text_too_long', 'markup_not_allowed', 'not_found'] as const) codes.add(c);
  // An id in the path may name nothing, or be no id at all.
  if (path.includes('{')) for (const c of ['not_found', 'bad_request'] as const) codes.add(c);
  if (route.throughPage)
    for (const c of ['bad_request', 'read_only_page', 'read_only_impersonation', 'not_found'] as const)
      codes.add(c);
  if (path.startsWith('/manage') || path.startsWith('/portfolio') || path.startsWith('/session/'))
    for (const c of ['forbidden', 'read_only_impersonation'] as const) codes.add(c);
  // A role without the permission (R5, R6, R16, R20), on any route that needs a session.
  if (route.auth !== false) codes.add('forbidden');
  // A POST may carry an Idempotency-Key; the same key with another request is refused.
  // (The session's own moves change only the session: no key.)
  if (method === 'post' && route.auth !== false && !path.startsWith('/session/'))
    codes.add('idempotency_key_reused');
  if (method !== 'get' && route.auth !== false) {
    // R12: viewing as someone changes nothing, through any route.
    codes.add('read_only_impersonation');
  }
  // Every route sits behind the edge's limits (@portalkit/backend's Node adapter).
  codes.add('rate_limited');
  codes.add('headers_too_large');
  for (const c of route.errors ?? []) codes.add(c);
  return [...codes];
}

/** `records.list` → `recordsList`: the route's key, as SDK generators name operations. */
const operationId = (key: string) => key.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

/** The OpenAPI 3.1 document of the HTTP contract, generated from the zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTE_LIST as readonly Route[]) {
    const { path } = route;
    const method = route.method.toLowerCase();
    const docs = ROUTE_DOCS[route.key as keyof typeof ROUTE_DOCS];
    paths[path] ??= {};
    {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const headers =
        method === 'post' && route.auth !== false && !path.startsWith('/session/')
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                description:
                  'Any unique value (a UUID): a retry with the same key gets the first answer and writes nothing, for 24 hours; the key with another request is 422 idempotency_key_reused.',
                schema: { type: 'string', minLength: 1, maxLength: 255 },
              },
            ]
          : [];
      const query = [...(route.throughPage ? [PAGE_QUERY] : []), ...(route.query ?? [])].map((q) => ({
        name: q.name,
        in: 'query',
        description: q.description,
        ...(q.required ? { required: true } : {}),
        schema: q.repeat ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
        ...(q.repeat ? { style: 'form', explode: true } : {}),
      }));
      const status = String(route.status ?? 200);
      const errorsByStatus = new Map<number, ErrorCode[]>();
      for (const code of errorCodes(route)) {
        const status = ERROR_CODES[code].status;
        errorsByStatus.set(status, [...(errorsByStatus.get(status) ?? []), code]);
      }
      const errorResponses = Object.fromEntries(
        [...errorsByStatus].map(([status, codes]) => [
          String(status),
          {
            description: `Refused: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } },
          },
        ]),
      );
      paths[path]![method] = {
        operationId: operationId(route.key),
        summary: docs.summary,
        ...(docs.rules ? { description: `Rules: ${docs.rules} (see SPEC.md).` } : {}),
        ...(route.auth === false ? { security: [] } : {}),
        parameters: [...params, ...query, ...headers],
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonInput(route.body) } },
              },
            }
          : {}),
        ...(route.rawBody
          ? {
              requestBody: {
                required: true,
                content: { [route.rawBody]: { schema: { type: 'string', format: 'binary' } } },
              },
            }
          : {}),
        responses: {
          [status]: {
            description: 'Success',
            ...(route.response
              ? { content: { 'application/json': { schema: json(route.response) } } }
              : route.contentType
                ? { content: { [route.contentType]: {} } }
                : {}),
          },
          ...errorResponses,
          default: {
            description: 'An error: `{ error: { code, message } }` (codes in components.x-error-codes).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } },
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'portalkit backend contract',
      version: '0.2.0',
      description: 'What a portalkit backend implements. Generated from src/contract/routes.ts (zod).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '{apiBase}', variables: { apiBase: { default: '/api' } } }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'The session token from POST /session.' },
      },
      schemas: { ApiErrorBody: json(ApiErrorBody) },
      /** What a launch token carries (it is verified by the backend, not sent to an operation). */
      'x-launch-claims': json(LaunchClaims),
      'x-error-codes': Object.fromEntries(
        Object.entries(ERROR_CODES).map(([code, { status, message }]) => [code, { status, message }]),
      ),
    },
  };
}
