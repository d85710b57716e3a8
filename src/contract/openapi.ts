import { toJSONSchema } from 'zod/v4/core';
import { ApiErrorBody } from './error.js';

/** The OpenAPI 3.1 document of the HTTP contract, generated from the zod schemas. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'portalkit backend contract', version: '0.1.0' },
    paths: {},
    components: {
      schemas: {
        ApiErrorBody: toJSONSchema(ApiErrorBody),
      },
    },
  };
}
