// Routes of the contract: Records of the tenant's models (R1, R3, R5, R19).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

// How a record list is narrowed and ordered: the list and its export take the same. (Listed by
// name, not spread: a spread keeps a route in every bundle that imports any route.)
const SORT_QUERY = {
  name: 'sort',
  description: '`field` ascending or `-field` descending; viewable fields only.',
} as const;
const FILTER_QUERY = {
  name: 'filter',
  description:
    '`field:op:value`, op one of eq, ne, contains, gte, lte, in (values split by `|`). Repeatable, ANDed.',
  repeat: true,
} as const;
const SEARCH_QUERY = { name: 'q', description: 'Search in viewable text fields.' } as const;

export const recordsList = {
  key: 'records.list',
  method: 'GET',
  path: '/records/{model}',
  errors: ['invalid_field', 'limit_too_large'],
  response: s.RecordPage,
  query: [
    SORT_QUERY,
    FILTER_QUERY,
    SEARCH_QUERY,
    { name: 'cursor', description: 'Opaque cursor from `nextCursor`.' },
    {
      name: 'offset',
      description:
        'Position of the first item, for random access (virtual scrolling); ignored with `cursor`.',
    },
    { name: 'limit', description: 'Page size, 1–500 (default 50).' },
  ],
} as const satisfies Route;

export const recordsCreate = {
  key: 'records.create',
  method: 'POST',
  path: '/records/{model}',
  errors: ['invalid_field', 'invalid_value'],
  throughPage: true,
  body: s.RecordWrite,
  response: s.RecordItem,
  status: 201,
} as const satisfies Route;

export const recordsGet = {
  key: 'records.get',
  method: 'GET',
  path: '/records/{model}/{id}',
  response: s.RecordItem,
} as const satisfies Route;

export const recordsUpdate = {
  key: 'records.update',
  method: 'PATCH',
  path: '/records/{model}/{id}',
  errors: ['invalid_field', 'invalid_value'],
  throughPage: true,
  body: s.RecordWrite,
  response: s.RecordItem,
} as const satisfies Route;

export const recordsRemove = {
  key: 'records.remove',
  method: 'DELETE',
  path: '/records/{model}/{id}',
  throughPage: true,
  response: s.RemovedRecord,
} as const satisfies Route;

export const recordsExport = {
  key: 'records.export',
  method: 'GET',
  path: '/records/{model}/export',
  errors: ['invalid_field', 'limit_too_large', 'list_changed'],
  contentType: 'text/csv',
  query: [
    SORT_QUERY,
    FILTER_QUERY,
    SEARCH_QUERY,
    { name: 'page', description: 'A table page of this model: its columns, in its order.' },
    {
      name: 'locale',
      description:
        'BCP 47 tag (default `en`): decimal mark, list separator (`;` where `,` is the decimal mark) and Yes/No.',
    },
  ],
} as const satisfies Route;

export const recordsUnshared = {
  key: 'records.unshared',
  method: 'GET',
  path: '/records/{model}/unshared',
  response: s.RecordList,
  errors: ['read_only_impersonation'],
} as const satisfies Route;

export const recordsShare = {
  key: 'records.share',
  method: 'POST',
  path: '/records/{model}/share',
  body: s.ShareRequest,
  response: s.ShareResult,
} as const satisfies Route;
