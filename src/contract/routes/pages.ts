// Routes of the contract: what every page needs — the bootstrap, a page's payload, page views
// (R15). Apart from the session's routes, whose staff schemas a part showing a page never needs.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

export const bootstrapGet = {
  key: 'bootstrap.get',
  method: 'GET',
  path: '/bootstrap',
  response: s.Bootstrap,
} as const satisfies Route;

export const pagesGet = {
  key: 'pages.get',
  method: 'GET',
  path: '/pages/{pageId}',
  response: s.PagePayload,
} as const satisfies Route;

export const activityRecord = {
  key: 'activity.record',
  method: 'POST',
  path: '/activity',
  body: s.ActivityBatch,
  response: s.ActivityRecorded,
  status: 202,
} as const satisfies Route;
