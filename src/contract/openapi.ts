import type * as z from 'zod/mini';
import { toJSONSchema } from 'zod/v4/core';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { ApiErrorBody } from './error.js';
import * as m from './manage.js';
import * as s from './schemas.js';

type Schema = z.ZodMiniType;
interface QueryParam {
  name: string;
  description: string;
  repeat?: boolean;
  required?: boolean;
}
interface Route {
  summary: string;
  rules?: string;
  body?: Schema;
  response?: Schema;
  status?: number;
  query?: QueryParam[];
  contentType?: string;
  /** A request body that is not JSON (file uploads). */
  rawBody?: string;
  auth?: false;
  /** A write made through a page: `page` names it; a page shared to view refuses (R2). */
  throughPage?: true;
  /** Error codes this route answers beyond the ones every route of its kind can. */
  errors?: ErrorCode[];
}

const PAGE_QUERY: QueryParam = {
  name: 'page',
  description:
    'Id of the page the write is made through (required). A page shared with `view` answers 403 read_only_page.',
  required: true,
};

const json = (schema: Schema) =>
  toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });

/** Every route of the contract. `{apiBase}` is the `api-base` attribute of <pk-portal>. */
/** How a record list is narrowed and ordered: the list and its export take the same. */
const LIST_QUERY = [
  { name: 'sort', description: '`field` ascending or `-field` descending; viewable fields only.' },
  {
    name: 'filter',
    description:
      '`field:op:value`, op one of eq, ne, contains, gte, lte, in (values split by `|`). Repeatable, ANDed.',
    repeat: true,
  },
  { name: 'q', description: 'Search in viewable text fields.' },
];

export const ROUTES: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Route>>> = {
  '/session': {
    post: {
      summary: 'Exchange a launch token for a session and the bootstrap (landing page included).',
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
      rules: 'Token flow, R10–R13, R16, R17',
      body: s.SessionRequest,
      response: s.SessionResponse,
      auth: false,
    },
    delete: { summary: 'Sign out: end the session.', status: 204 },
  },
  '/portfolio': {
    get: {
      summary:
        'Staff: the portals they may open, with company, phase, owner, active end users (30 days), last activity.',
      rules: 'R10, R11, R15, R22',
      response: m.Portfolio,
      query: [
        { name: 'q', description: 'Search in portal, company and owner names.' },
        {
          name: 'sort',
          description: 'name, company, phase, owner, activeEndUsers or lastActivity; `-` for descending.',
        },
      ],
    },
  },
  '/session/portal': {
    post: {
      summary:
        'Staff: open a portal of their portfolio in this session (null: back to the portfolio); R10 re-checked.',
      errors: ['no_portal_access'],
      rules: 'R10, R22',
      body: m.PortalSwitch,
      response: s.SessionScope,
    },
  },
  '/session/view-as': {
    post: {
      summary: 'Staff: view the portal as one of its external users (read-only, R12) without a new token.',
      errors: ['impersonation_not_allowed', 'no_portal_access', 'user_inactive', 'email_not_unique'],
      rules: 'R12, R22',
      body: m.ViewAs,
      response: s.SessionScope,
    },
    delete: {
      summary: 'Exit view: back to the same portal as staff.',
      rules: 'R12, R22',
      response: s.SessionScope,
    },
  },
  '/bootstrap': {
    get: {
      summary: 'The bootstrap again (after a renewal, for example).',
      rules: 'R2, R14',
      response: s.Bootstrap,
    },
  },
  '/pages/{pageId}': {
    get: {
      summary: 'A shared page with everything its first paint needs.',
      rules: 'R2, R3, R4, R8',
      response: s.PagePayload,
    },
  },
  '/records/{model}': {
    get: {
      summary: 'Records of a model shared to the portal, projected to viewable fields.',
      errors: ['invalid_field', 'limit_too_large'],
      rules: 'R1, R3',
      response: s.RecordPage,
      query: [
        ...LIST_QUERY,
        { name: 'cursor', description: 'Opaque cursor from `nextCursor`.' },
        {
          name: 'offset',
          description:
            'Position of the first item, for random access (virtual scrolling); ignored with `cursor`.',
        },
        { name: 'limit', description: 'Page size, 1–500 (default 50).' },
      ],
    },
    post: {
      summary: 'Create a record (needs Create); shared to this portal.',
      errors: ['invalid_field', 'invalid_value'],
      throughPage: true,
      rules: 'R5',
      body: s.RecordWrite,
      response: s.RecordItem,
      status: 201,
    },
  },
  '/records/{model}/{id}': {
    get: { summary: 'One shared record.', rules: 'R3', response: s.RecordItem },
    patch: {
      summary: 'Update fields (needs model and field Update).',
      errors: ['invalid_field', 'invalid_value'],
      throughPage: true,
      rules: 'R5, R12',
      body: s.RecordWrite,
      response: s.RecordItem,
    },
    delete: {
      summary: 'Remove a record (needs Remove).',
      throughPage: true,
      rules: 'R5, R12',
      response: s.RemovedRecord,
    },
  },
  '/records/{model}/export': {
    get: {
      summary:
        'CSV of shared records and viewable fields (needs Export), as the list shows them: same search, filters and sort; column labels; values for a spreadsheet in `locale`; UTF-8 with BOM. At most 50,000 records.',
      errors: ['invalid_field', 'limit_too_large', 'list_changed'],
      rules: 'R5',
      contentType: 'text/csv',
      query: [
        ...LIST_QUERY,
        { name: 'page', description: 'A table page of this model: its columns, in its order.' },
        {
          name: 'locale',
          description:
            'BCP 47 tag (default `en`): decimal mark, list separator (`;` where `,` is the decimal mark) and Yes/No.',
        },
      ],
    },
  },
  '/records/{model}/unshared': {
    get: {
      summary: 'Internal users: company records not yet shared to the portal.',
      rules: 'R19',
      response: s.RecordList,
    },
  },
  '/records/{model}/share': {
    post: {
      summary: 'Internal users: share or unshare records in bulk.',
      rules: 'R19',
      body: s.ShareRequest,
      response: s.ShareResult,
    },
  },
  '/tasks': {
    get: {
      summary: 'Shared workflows with their Shared in Portal tasks, and ad-hoc tasks.',
      rules: 'R7',
      response: s.TaskList,
    },
  },
  '/tasks/{taskId}': {
    patch: {
      summary: 'Vendor staff: mark Shared in Portal, assign to a person of the portal.',
      rules: 'R7, R9',
      body: s.TaskManage,
      response: s.PortalTask,
    },
  },
  '/tasks/{taskId}/status': {
    put: {
      summary: 'Complete or re-open a task.',
      throughPage: true,
      rules: 'R7, R12',
      body: s.TaskStatusWrite,
      response: s.PortalTask,
    },
  },
  '/tasks/{taskId}/comments': {
    get: { summary: 'Comments on a task.', rules: 'R7', response: s.CommentList },
    post: {
      summary: 'Comment, mentioning only people R9 allows.',
      errors: ['mention_not_allowed'],
      throughPage: true,
      rules: 'R7, R9',
      body: s.CommentCreate,
      response: s.CommentItem,
      status: 201,
    },
  },
  '/mentionable': { get: { summary: 'People the user may mention.', rules: 'R9', response: s.PeopleList } },
  '/files': {
    get: {
      summary: 'Files shared to the portal, and the upload limits (needs File Download / Upload Access).',
      rules: 'R6',
      response: s.FileList,
    },
    post: {
      summary:
        'Upload: the body is the file, `name` in the query, its type in Content-Type. Size and type (by content) are checked.',
      errors: ['no_file_access', 'file_too_large', 'file_type_not_allowed', 'file_content_mismatch'],
      rules: 'R6, R12',
      throughPage: true,
      query: [{ name: 'name', description: 'File name (paths are stripped).' }],
      rawBody: 'application/octet-stream',
      response: s.FileItem,
      status: 201,
    },
  },
  '/files/unshared': {
    get: {
      summary: 'Vendor staff: account files not yet shared to the portal.',
      rules: 'R6',
      response: s.FileList,
    },
  },
  '/files/share': {
    post: {
      summary: 'Vendor staff: share or unshare account files in bulk (all or nothing).',
      rules: 'R6, R19',
      body: s.ShareRequest,
      response: s.ShareResult,
    },
  },
  '/files/{fileId}': {
    delete: {
      summary: 'Vendor staff: remove a file.',
      throughPage: true,
      rules: 'R6',
      response: s.RemovedRecord,
    },
  },
  '/files/{fileId}/content': {
    get: { summary: 'Download a shared file.', rules: 'R6', contentType: 'application/octet-stream' },
  },
  '/documents/{pageId}': {
    get: { summary: 'The document of a document page.', rules: 'R8', response: s.DocumentPayload },
    put: {
      summary: 'Save on top of `baseVersion`; a newer version answers 409 version_conflict.',
      errors: ['version_conflict', 'read_only_page', 'read_only_impersonation'],
      rules: 'R8, R12',
      body: s.DocumentSave,
      response: s.DocumentPayload,
    },
  },
  '/activity': {
    post: {
      summary: 'Batched page views and actions of external users.',
      rules: 'R15',
      body: s.ActivityBatch,
      status: 202,
    },
  },
  '/contacts/{contactId}': {
    patch: {
      summary: 'Vendor staff: update a contact; automation rules then add or remove portal users.',
      errors: ['email_in_use'],
      rules: 'R16',
      body: s.ContactUpdate,
      response: s.ContactItem,
    },
  },
  '/manage/content': {
    get: {
      summary: 'Staff: the section and page tree with each share and what external users get.',
      rules: 'R2, R20',
      response: m.ContentTree,
    },
    put: {
      summary: 'Staff: share or unshare sections and pages (all or nothing; null follows the section).',
      rules: 'R2, R20, R23',
      body: m.ContentChange,
      response: m.ContentTree,
    },
  },
  '/manage/people': {
    get: {
      summary: 'Staff: portal users, contacts who could be added, roles, audience, active end users.',
      rules: 'R1, R15, R16, R17, R20',
      response: m.PortalPeople,
    },
    post: {
      summary:
        'Staff: add a contact of the company as a portal user; a second active user of one email is 409 email_in_use.',
      errors: ['email_in_use'],
      rules: 'R1, R16, R20, R23',
      body: m.PortalUserCreate,
      response: m.PortalUserItem,
      status: 201,
    },
  },
  '/manage/people/{contactId}': {
    patch: {
      summary: 'Staff: change role, Active or Admin; re-activating into an email clash is 409 email_in_use.',
      errors: ['email_in_use'],
      rules: 'R1, R16, R20, R23',
      body: m.PortalUserUpdate,
      response: m.PortalUserItem,
    },
    delete: { summary: 'Staff: remove a portal user.', rules: 'R20, R23' },
  },
  '/manage/audience': {
    put: {
      summary: 'Staff: who of the portal users may sign in: all, featured or selected contacts.',
      rules: 'R17, R20, R23',
      body: m.Audience,
      response: m.Audience,
    },
  },
  '/manage/invitations': {
    get: {
      summary: 'Staff: internal users related to the account and who is invited.',
      rules: 'R10, R17, R20',
      response: m.Invitations,
    },
    put: {
      summary: 'Staff: invite internal users related to the account (owner, co-owners).',
      rules: 'R10, R17, R20, R23',
      body: m.InvitedWrite,
      response: m.Invitations,
    },
  },
  '/manage/branding': {
    get: {
      summary: 'Staff: templates, overrides and the effective colours.',
      rules: 'R14, R20',
      response: m.PortalBranding,
    },
    put: {
      summary: 'Staff: pick a template, override colours (null returns to the template).',
      rules: 'R14, R20, R23',
      body: m.PortalBrandingWrite,
      response: m.PortalBranding,
    },
  },
  '/manage/roles': {
    get: {
      summary:
        'Staff: the tenant’s external roles with how many portal users hold each; canEdit for Portal Super Admins.',
      rules: 'R1, R21',
      response: m.ExternalRoleList,
    },
    post: {
      summary: 'Portal Super Admin: create a role, or clone one (cloneOf).',
      rules: 'R21, R23',
      body: m.ExternalRoleCreate,
      response: m.ExternalRoleItem,
      status: 201,
    },
  },
  '/manage/roles/{roleId}': {
    patch: {
      summary:
        'Portal Super Admin: rename a role or change its grants; open sessions follow at their next request.',
      rules: 'R21, R23',
      body: m.ExternalRoleWrite,
      response: m.ExternalRoleItem,
    },
    delete: {
      summary: 'Portal Super Admin: remove a role; one held by portal users is 409 role_in_use.',
      errors: ['role_in_use'],
      rules: 'R21, R23',
    },
  },
  '/manage/activity': {
    get: {
      summary: 'Staff: the portal activity feed and active end users, last 7 / 30 / 90 days.',
      rules: 'R15, R20',
      response: m.PortalActivity,
    },
  },
  '/manage/audit': {
    get: {
      summary:
        'Staff: the append-only audit trail, newest first; field changes only of fields the reader may view.',
      rules: 'R23',
      response: m.AuditList,
      query: [
        { name: 'actor', description: 'Only entries by this person (internal user or contact id).' },
        { name: 'action', description: 'Only actions starting with this (e.g. `record.`, `portal_user.`).' },
      ],
    },
  },
  '/contacts': {
    get: {
      summary: 'Admin external users: contacts of their company.',
      rules: 'R16',
      response: s.ContactList,
    },
    post: {
      summary: 'Admin external users: add a contact.',
      errors: ['email_in_use', 'read_only_impersonation'],
      rules: 'R16',
      body: s.ContactCreate,
      response: s.ContactItem,
      status: 201,
    },
  },
};

const SESSION_ERRORS: ErrorCode[] = [
  'session_missing',
  'session_expired',
  'session_revoked',
  'no_portal_selected',
];

/**
 * The error codes a route can answer: those of every authenticated call, of a body, of an id in
 * the path, of a write through a page, of the staff routes, and the route's own.
 */
function errorCodes(path: string, method: string, route: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.auth === false ? [] : SESSION_ERRORS);
  if (route.body || route.rawBody || route.query?.length) codes.add('bad_request');
  if (route.body || route.rawBody) codes.add('payload_too_large');
  if (path.includes('{')) codes.add('not_found');
  if (route.throughPage)
    for (const c of ['bad_request', 'read_only_page', 'read_only_impersonation', 'not_found'] as const)
      codes.add(c);
  if (path.startsWith('/manage') || path.startsWith('/portfolio') || path.startsWith('/session/'))
    for (const c of ['forbidden', 'read_only_impersonation'] as const) codes.add(c);
  if (method !== 'get' && route.auth !== false) {
    codes.add('forbidden');
    // R12: viewing as someone changes nothing, through any route.
    codes.add('read_only_impersonation');
  }
  // Every route sits behind the edge's limits (portalkit/backend's Node adapter).
  codes.add('rate_limited');
  for (const c of route.errors ?? []) codes.add(c);
  return [...codes];
}

/** `get /records/{model}/{id}` → `getRecordsByModelById`: stable names for SDK generators. */
function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      const word = (param ? `by-${param[1]}` : part).replace(/[-_](\w)/g, (_, c: string) => c.toUpperCase());
      return word.charAt(0).toUpperCase() + word.slice(1);
    });
  return method + words.join('');
}

/** The OpenAPI 3.1 document of the HTTP contract, generated from the zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(ROUTES)) {
    paths[path] = {};
    for (const [method, route] of Object.entries(methods)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
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
      for (const code of errorCodes(path, method, route)) {
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
        operationId: operationId(method, path),
        summary: route.summary,
        ...(route.rules ? { description: `Rules: ${route.rules} (see SPEC.md).` } : {}),
        ...(route.auth === false ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: json(route.body) } } } }
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
      version: '0.1.0',
      description: 'What a portalkit backend implements. Generated from src/contract (zod).',
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
      'x-launch-claims': json(s.LaunchClaims),
      'x-error-codes': Object.fromEntries(
        Object.entries(ERROR_CODES).map(([code, { status, message }]) => [code, { status, message }]),
      ),
    },
  };
}
