// portalkit/contract: the zod schemas of the HTTP contract, the single source of truth
// for the API client (parses every response), the mock backend (validates every request)
// and the generated OpenAPI document.
export * from './error.js';
export * from './error-codes.js';
export * from './schemas.js';
export * from './file-types.js';
export * from './manage.js';
