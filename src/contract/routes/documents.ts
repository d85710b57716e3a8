// Routes of the contract: Document pages (R8).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

export const documentsGet = {
  key: 'documents.get',
  method: 'GET',
  path: '/documents/{pageId}',
  response: s.DocumentPayload,
} as const satisfies Route;

export const documentsSave = {
  key: 'documents.save',
  method: 'PUT',
  path: '/documents/{pageId}',
  errors: ['version_conflict', 'read_only_page', 'read_only_impersonation'],
  body: s.DocumentSave,
  response: s.DocumentPayload,
} as const satisfies Route;
