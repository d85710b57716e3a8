// portalkit/contract: the HTTP contract — the route table (routes.ts: every route by key, with
// its method, path, query, body and answers) and the zod schemas it names. The single source of
// truth for the API client (calls routes, parses every answer), the backend (one handler per
// route, validates every request) and the generated OpenAPI document.
export * from './error.js';
export * from './error-codes.js';
export * from './routes.js';
export * from './schemas.js';
export * from './file-types.js';
export * from './manage.js';
