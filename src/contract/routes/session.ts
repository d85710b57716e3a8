// Routes of the contract: the session — sign-in and sign-out, staff moving between portals and
// viewing as someone (R22, R12), the portfolio. One constant per route, in modules by area: a
// part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as m from '../manage.js';
import * as s from '../schemas.js';

export const sessionCreate = {
  key: 'session.create',
  method: 'POST',
  path: '/session',
  errors: [
    'token_malformed',
    'token_invalid_signature',
    'token_unknown_key',
    'token_alg_not_allowed',
    'token_expired',
    'token_not_yet_valid',
    'token_lifetime_too_long',
    'token_wrong_audience',
    'token_replayed',
    'user_inactive',
    'no_portal_access',
    'email_not_unique',
    'impersonation_not_allowed',
  ],
  body: s.SessionRequest,
  response: s.SessionResponse,
  auth: false,
} as const satisfies Route;

export const sessionEnd = {
  key: 'session.end',
  method: 'DELETE',
  path: '/session',
  status: 204,
} as const satisfies Route;

export const portfolioList = {
  key: 'portfolio.list',
  method: 'GET',
  path: '/portfolio',
  response: m.Portfolio,
  query: [
    { name: 'q', description: 'Search in portal, company and owner names.' },
    {
      name: 'sort',
      description:
        'name (the default), company, phase, owner, activeEndUsers or lastActivity; `-` for descending.',
    },
    {
      name: 'cursor',
      description:
        'Opaque cursor from `nextCursor`: the portals after the last page, in the same order (a portal added meanwhile moves none).',
    },
    { name: 'limit', description: 'Portals per page, 1–500 (default 100).' },
  ],
  errors: ['limit_too_large'],
} as const satisfies Route;

export const sessionOpenPortal = {
  key: 'session.openPortal',
  method: 'POST',
  path: '/session/portal',
  errors: ['no_portal_access'],
  body: m.PortalSwitch,
  response: s.SessionScope,
} as const satisfies Route;

export const sessionViewAs = {
  key: 'session.viewAs',
  method: 'POST',
  path: '/session/view-as',
  errors: ['impersonation_not_allowed', 'no_portal_access', 'user_inactive', 'email_not_unique'],
  body: m.ViewAs,
  response: s.SessionScope,
} as const satisfies Route;

export const sessionExitView = {
  key: 'session.exitView',
  method: 'DELETE',
  path: '/session/view-as',
  response: s.SessionScope,
} as const satisfies Route;
