// The backend's HTTP contract over a storage: one fetch-style `handle(Request) → Response`, used
// by the Node adapter, the msw handlers in the browser and any fetch-standard host. No rule lives
// here: every decision is the rules engine's; this file parses, routes and serialises, and runs
// each request that may write as one write of the storage (one transaction on a database).
import * as z from 'zod/mini';
import {
  ActivityBatch,
  CommentCreate,
  ContactCreate,
  ContactUpdate,
  DocumentSave,
  RecordWrite,
  SessionRequest,
  ShareRequest,
  TaskManage,
  TaskStatusWrite,
} from '../../../src/contract/schemas.js';
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/error-codes.js';
import * as route from '../../../src/contract/routes.js';
import { ROUTE_LIST, type Route } from '../../../src/contract/routes.js';
import {
  Audience,
  ContentChange,
  ExternalRoleCreate,
  ExternalRoleWrite,
  InvitedWrite,
  PortalBrandingWrite,
  PortalUserCreate,
  PortalSwitch,
  PortalUserUpdate,
  ViewAs,
} from '../../../src/contract/manage.js';
import { LaunchTokenError, verifyLaunchToken, type LaunchKey } from '../../../src/shared/launch-token.js';
import {
  addContact,
  companyContacts,
  getDocument,
  recordActivity,
  saveDocument,
  updateContact,
  writeThrough,
} from '../rules/content.js';
import {
  fileRoutesAllowed,
  fileTooLarge,
  getFile,
  listFiles,
  removeFile,
  shareFiles,
  unsharedFiles,
  uploadFile,
} from '../rules/files.js';
import {
  addPortalUser,
  readAuditTrail,
  branding,
  changeContent,
  changePortalUser,
  contentTree,
  createRole,
  externalRoles,
  invitations,
  readPortalActivity,
  portalPeople,
  removePortalUser,
  removeRole,
  setAudience,
  setBranding,
  setInvited,
  updateRole,
} from '../rules/manage.js';
import { internalMayOpen, portfolioOf } from '../rules/portfolio.js';
import type { Principal } from '../ports/principal.js';
import {
  createRecord,
  exportRecords,
  getRecord,
  listRecords,
  removeRecord,
  shareRecords,
  unsharedRecords,
  updateRecord,
  type RecordFilter,
  type RecordQuery,
} from '../rules/records.js';
import type { Refusal, Result } from '../rules/refusal.js';
import {
  addComment,
  listComments,
  listTasks,
  manageTask,
  mentionable,
  setTaskStatus,
} from '../rules/tasks.js';
import { resolveViewer, type Viewer } from '../rules/viewer.js';
import { isModelName, type ModelName } from '../world/models.js';
import { runnableText } from '../world/sanitize.js';
import type { Store } from '../world/store.js';
import type { DataStorage } from '../ports/storage.js';
import { bootstrapFor, commentPayload, pagePayload, taskPayload } from './payloads.js';
import type { Session, SessionStorage } from '../ports/sessions.js';

/** R13: a session lives at most 18 hours. */
export const MAX_SESSION_SECONDS = 18 * 3600;

export interface BackendOptions {
  /** Verification keys (public EC JWKs, HS secrets), each with kid and alg. */
  keys: readonly LaunchKey[];
  /** Session lifetime in seconds (default and maximum 18 h). */
  sessionSeconds?: number;
  /** The backend's clock (default: the system's). */
  now?: () => Date;
  /**
   * Where the world, sessions and used launch tokens live: instances on one storage serve the
   * same sessions and data, so an instance holds nothing a restart would lose.
   */
  storage: DataStorage;
}

type Json = Record<string, unknown> | unknown[];

const json = (status: number, body: Json) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const errorResponse = (
  error: Pick<Refusal, 'code' | 'message'> & {
    status?: number;
    path?: (string | number)[];
    limit?: number;
  },
) =>
  json(error.status ?? ERROR_CODES[error.code].status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path ? { path: error.path } : {}),
      ...(error.limit !== undefined ? { limit: error.limit } : {}),
    },
  });

/** The value at `path` inside a parsed request body. */
const getPath = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], data);

const refusal = (code: ErrorCode, message?: string) =>
  errorResponse({ code, message: message ?? ERROR_CODES[code].message });

const answer = <T>(result: Result<T>, map: (value: T) => Json = (v) => v as Json, status = 200) =>
  result.ok ? json(status, map(result.value)) : errorResponse(result.error);

class BadRequest extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
    readonly code: 'bad_request' | 'text_too_long' | 'markup_not_allowed' = 'bad_request',
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** Body limits, checked while the body streams in (never after buffering it). */
export const BODY_LIMITS = { session: 16 * 1024, json: 256 * 1024, document: 2 * 1024 * 1024 } as const;

class TooLarge extends Error {}

/** Something named in the path does not exist (an unknown model): 404, like an unknown id. */
class NotFound extends Error {}

/**
 * Reads at most `limit` bytes of the body: a declared Content-Length over the limit is refused
 * before a byte is read, and a stream that runs past it is cancelled there.
 */
async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
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
function uploadRefusal(store: Store, viewer: Viewer, url: URL): Response | undefined {
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
async function bufferedRequest(request: Request): Promise<Request> {
  const body = await readBytes(request, Math.max(...Object.values(BODY_LIMITS)));
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body as RequestInit['body'],
  });
}

async function readJson(request: Request, limit: number = BODY_LIMITS.json): Promise<unknown> {
  const bytes = await readBytes(request, limit);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

/** `html`: the one top-level field of the body that is HTML (a document's), if any. */
function parseBody<T>(data: unknown, schema: z.ZodMiniType<T>, html?: string): T {
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
function refuseRunnable(value: unknown, isHtml?: (path: (string | number)[]) => boolean): void {
  const [first] = runnableText(value, isHtml);
  if (first)
    throw new BadRequest(
      `${first.path.join('.') || 'body'}: ${first.reason}; everything else is kept as typed.`,
      first.path,
      'markup_not_allowed',
    );
}

const readBody = async <T>(request: Request, schema: z.ZodMiniType<T>, limit?: number, html?: string) =>
  parseBody(await readJson(request, limit), schema, html);

/**
 * The fields of a record write, every key the client sent kept: zod drops a `__proto__` key,
 * so it is put back as a plain own property and the rules refuse it like any undeclared field.
 */
async function readRecordWrite(request: Request): Promise<Record<string, unknown>> {
  const raw = await readJson(request);
  const { fields } = parseBody(raw, RecordWrite);
  const sent = (raw as { fields: object }).fields;
  if (Object.hasOwn(sent, '__proto__'))
    Object.defineProperty(fields, '__proto__', { value: null, enumerable: true, configurable: true });
  return fields;
}

/** A path segment, percent-decoded; a malformed escape is the client's mistake, not ours. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`The path segment "${segment}" is not valid percent-encoding.`);
  }
}

const FILTER = /^([A-Za-z][\w]*):(eq|ne|contains|gte|lte|in):(.*)$/s;

function parseQuery(params: URLSearchParams): RecordQuery {
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

type Handler = (ctx: {
  request: Request;
  url: URL;
  params: string[];
  viewer: Viewer;
}) => Response | Promise<Response>;

/** A route of the staff session itself (R22): it works with no portal and may move the session. */
type StaffHandler = (ctx: {
  request: Request;
  url: URL;
  principal: Exclude<Principal, { kind: 'external' }>;
  staffId: string;
  /** Moves the session to `next` once R10/R12 agree, and answers with what it now shows. */
  switchTo: (next: Principal) => Promise<Response>;
}) => Response | Promise<Response>;

type Run = (ctx: { request: Request; url: URL; params: string[] }) => Promise<Response>;

export class Backend {
  readonly #options: BackendOptions;
  readonly storage: DataStorage;
  /** The served routes, in match order (a literal segment before a parameter: `/records/{model}/export` first). */
  readonly #routes: { route: Route; pattern: RegExp; run: Run }[] = [];
  /** A GET's session, read while the storage catches up. */
  readonly #prefetched = new WeakMap<Request, Promise<Session | undefined>>();

  /** The HTTP contract over `options.storage` (`createBackend` opens one and checks the keys). */
  constructor(options: BackendOptions) {
    this.storage = options.storage;
    this.#options = { ...options };
    this.#defineRoutes();
    const unserved = ROUTE_LIST.filter((documented) => !this.#routes.some((s) => s.route === documented));
    if (unserved.length) throw new Error(`Backend: no handler for ${unserved.map((r) => r.key).join(', ')}.`);
  }

  /** The world as this instance last saw it (the rules engine's view of the storage). */
  get store(): Store {
    return this.storage.store;
  }

  get #sessions(): SessionStorage {
    return this.storage.sessions;
  }

  /** The key of every route served, in match order (the contract's table: src/contract/routes.ts). */
  get routes(): string[] {
    return this.#routes.map(({ route }) => route.key);
  }

  get #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  async handle(request: Request, basePath = '/api'): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const response = await this.#dispatch(request, url, path).catch((error: unknown) => {
      if (error instanceof TooLarge) return refusal('payload_too_large');
      if (error instanceof NotFound) return refusal('not_found', error.message);
      if (error instanceof BadRequest)
        return errorResponse({
          code: error.code,
          message: error.message,
          ...(error.path ? { path: error.path } : {}),
          ...(error.limit !== undefined ? { limit: error.limit } : {}),
        });
      // A client that went away mid-body (ECONNRESET) is not our error; anything else is.
      if ((error as { code?: string }).code !== 'ECONNRESET')
        console.error('backend: unexpected error', error);
      return json(500, { error: { code: 'internal', message: 'Something went wrong on our side.' } });
    });
    // Nothing the backend answers may be kept by a shared or browser cache: downloads, exports
    // and errors included.
    response.headers.set('cache-control', 'no-store');
    return response;
  }

  async #dispatch(request: Request, url: URL, path: string): Promise<Response> {
    const served = this.#routes.find(
      ({ route, pattern }) => route.method === request.method && pattern.test(path),
    );
    if (!served) return refusal('not_found', `No route ${request.method} ${path}.`);
    const params = served.pattern.exec(path)!.slice(1).map(decodeSegment);
    // A session's start and end change no data: the exchange checks its own token, the end needs
    // none (and a wrong one ends nothing).
    if (served.route === route.sessionCreate || served.route === route.sessionEnd)
      return await served.run({ request, url, params });
    // A request that may change data is one write: alone, on the latest data, all or nothing.
    // The session's own routes change only the session, which its storage keeps.
    if (request.method === 'GET' || path.startsWith('/session/')) {
      // The catch-up and the session read go to the storage together (one round trip's wait).
      const token = this.#bearer(request);
      if (token && request.method === 'GET') {
        const session = this.#sessions.get(token);
        session.catch(() => {}); // awaited (and its failure answered) by the route; never unhandled
        this.#prefetched.set(request, session);
      }
      await this.storage.refresh();
      return await served.run({ request, url, params });
    }
    // Nothing unauthenticated or slow runs inside a write (which holds a database-wide lock): the
    // session is checked first, then the body arrives whole — a JSON body against the largest
    // JSON limit (each route still applies its own, smaller one), an upload against its portal's
    // limit, after the checks that refuse it without reading it. The write then decides and
    // commits on the latest data, re-checking the session's person against it.
    const session = await this.#sessionBeforeWrite(request);
    if (session instanceof Response) return session;
    const ready =
      request.method === 'POST' && path === '/files'
        ? await this.#uploadBeforeWrite(request, url, session)
        : await bufferedRequest(request);
    if (ready instanceof Response) return ready;
    this.#prefetched.set(ready, Promise.resolve(session));
    return await this.storage.write(() => served.run({ request: ready, url, params }));
  }

  /** The request's session while it lasts (an ended one is forgotten), or why there is none. */
  async #liveSession(request: Request): Promise<Session | 'session_missing' | 'session_expired'> {
    const token = this.#bearer(request);
    const session = token ? await (this.#prefetched.get(request) ?? this.#sessions.get(token)) : undefined;
    if (!session) return token ? 'session_expired' : 'session_missing';
    if (session.expiresAt <= this.#now.getTime()) {
      await this.#sessions.delete(token!);
      return 'session_expired';
    }
    return session;
  }

  /** The session of a request about to write, or the refusal `#authenticate` would answer. */
  async #sessionBeforeWrite(request: Request): Promise<Session | Response> {
    const session = await this.#liveSession(request);
    return typeof session === 'string' ? refusal(session) : session;
  }

  /**
   * An upload's bytes, read before its write against the portal's file limit — after every check
   * that refuses it without reading it (the same the route makes again inside the write).
   */
  async #uploadBeforeWrite(request: Request, url: URL, session: Session): Promise<Request | Response> {
    await this.storage.refresh();
    this.#prefetched.set(request, Promise.resolve(session));
    const auth = await this.#authenticate(request);
    if (!auth.ok) return errorResponse(auth.error);
    const refused = uploadRefusal(this.store, auth.value, url);
    if (refused) return refused;
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(request, auth.value.portal.files.maxBytes);
    } catch (error) {
      if (error instanceof TooLarge)
        return refusal('file_too_large', fileTooLarge(auth.value.portal.files.maxBytes));
      throw error;
    }
    return new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: bytes as RequestInit['body'],
    });
  }

  #bearer(request: Request): string | undefined {
    const header = request.headers.get('authorization');
    return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  }

  async #authenticate(request: Request): Promise<Result<Viewer>> {
    const fail = (code: ErrorCode): Result<Viewer> => ({
      ok: false,
      error: { code, status: ERROR_CODES[code].status, message: ERROR_CODES[code].message },
    });
    const session = await this.#liveSession(request);
    if (typeof session === 'string') return fail(session);
    const token = this.#bearer(request)!;
    // A portfolio session (R22) has no portal: it is kept, and told to open one first.
    if (session.principal.kind === 'staff') {
      const user = this.store.internalUsers.get(session.principal.userId);
      if (user?.active) return fail('no_portal_selected');
      await this.#sessions.delete(token);
      return fail('session_revoked');
    }
    // Re-resolved on every request: a removed or deactivated user's session stops here.
    const viewer = resolveViewer(this.store, session.principal);
    if (!viewer.ok) {
      await this.#sessions.delete(token);
      return fail('session_revoked');
    }
    return viewer;
  }

  async #exchange(request: Request): Promise<Response> {
    const { token } = await readBody(request, SessionRequest, BODY_LIMITS.session);
    await this.storage.refresh();
    const nowSeconds = Math.floor(this.#now.getTime() / 1000);
    let claims;
    try {
      claims = await verifyLaunchToken(token, this.#options.keys, { now: nowSeconds });
    } catch (error) {
      if (error instanceof LaunchTokenError)
        return refusal(error.code, `${ERROR_CODES[error.code].message} (${error.message})`);
      throw error;
    }
    if (!(await this.#sessions.useJti(claims.jti, claims.exp, nowSeconds))) return refusal('token_replayed');

    let principal: Principal;
    if (claims.kind === 'internal' && !claims.portal) {
      // R22: no portal named: the staff member's portfolio, never a portal picked for them.
      const user = this.store.internalUsers.get(claims.sub);
      if (!user) return refusal('no_portal_access');
      if (!user.active) return refusal('user_inactive');
      principal = { kind: 'staff', userId: user.id };
    } else if (claims.kind === 'internal') {
      principal = { kind: 'internal', userId: claims.sub, portalId: claims.portal! };
    } else if (claims.act) {
      principal = {
        kind: 'impersonation',
        actorId: claims.act.sub,
        portalId: claims.portal!,
        contactId: claims.sub,
        via: 'token',
      };
    } else {
      principal = { kind: 'external', portalId: claims.portal!, contactId: claims.sub };
    }
    const viewer = principal.kind === 'staff' ? undefined : resolveViewer(this.store, principal);
    if (viewer && !viewer.ok) return errorResponse(viewer.error);

    const seconds = Math.min(this.#options.sessionSeconds ?? MAX_SESSION_SECONDS, MAX_SESSION_SECONDS);
    const expiresAt = this.#now.getTime() + seconds * 1000;
    const sessionToken = randomToken();
    await this.#sessions.set(sessionToken, { principal, expiresAt });
    return json(200, {
      session: { token: sessionToken, expiresAt: new Date(expiresAt).toISOString(), expiresIn: seconds },
      ...(await this.#scope(principal, viewer?.value)),
    });
  }

  /** What a session shows: a portal's bootstrap, or — with no portal — who the staff member is. */
  async #scope(principal: Principal, viewer: Viewer | undefined) {
    // A view started from a staff session can return to it; one from a launch token cannot (the
    // host decides what comes after it: pk-exit-view).
    const staffId =
      principal.kind === 'staff' || principal.kind === 'internal'
        ? principal.userId
        : principal.kind === 'impersonation' && principal.via === 'view-as'
          ? principal.actorId
          : undefined;
    const staff = staffId ? this.store.internalUsers.get(staffId) : undefined;
    return {
      bootstrap: viewer ? await bootstrapFor(this.store, this.storage.records, viewer) : null,
      ...(staff ? { staff: { id: staff.id, name: staff.name } } : {}),
    };
  }

  /**
   * R22: a route of a staff session itself — its portfolio, switching portal, viewing as an
   * external user and back — without a new launch token. The session is read here (it may have no
   * portal, so there is no Viewer); each move re-checks R10 and R12 before it is stored.
   */
  #staffRoute(staffRoute: Route, handler: StaffHandler) {
    this.#add(staffRoute, async ({ request, url }) => {
      const token = this.#bearer(request);
      const session = token ? await this.#sessions.get(token) : undefined;
      if (!session || session.expiresAt <= this.#now.getTime())
        return refusal(token ? 'session_expired' : 'session_missing');
      const { principal } = session;
      if (principal.kind === 'external') return refusal('forbidden', 'Only vendor staff have a portfolio.');
      // R12, R22: viewing as someone is read-only and stays so: no portfolio, no other portal, no
      // other person — only "Exit view" of a view the staff session started itself ends it.
      if (
        principal.kind === 'impersonation' &&
        !(staffRoute === route.sessionExitView && principal.via === 'view-as')
      )
        return refusal('read_only_impersonation');
      const staffId = principal.kind === 'impersonation' ? principal.actorId : principal.userId;
      if (!this.store.internalUsers.get(staffId)?.active) {
        await this.#sessions.delete(token!);
        return refusal('session_revoked');
      }
      const switchTo = async (next: Principal) => {
        const viewer = next.kind === 'staff' ? undefined : resolveViewer(this.store, next);
        if (viewer && !viewer.ok) return errorResponse(viewer.error);
        await this.#sessions.set(token!, { ...session, principal: next });
        return json(200, await this.#scope(next, viewer?.value));
      };
      return handler({ request, url, principal, staffId, switchTo });
    });
  }

  /** A route answered for a resolved Viewer (a session in a portal the person may still open). */
  #route(viewerRoute: Route, handler: Handler) {
    this.#add(viewerRoute, async ({ request, url, params }) => {
      const auth = await this.#authenticate(request);
      if (!auth.ok) return errorResponse(auth.error);
      return handler({ request, url, params, viewer: auth.value });
    });
  }

  /** Serves a route of the contract's table (src/contract/routes.ts), once. */
  #add(served: Route, run: Run) {
    if (this.#routes.some((s) => s.route === served))
      throw new Error(`Backend: route ${served.key} is served twice.`);
    const pattern = new RegExp(`^${served.path.replace(/\{\w+\}/g, '([^/]+)')}$`);
    this.#routes.push({ route: served, pattern, run });
  }

  #model(name: string): ModelName {
    if (!isModelName(name)) throw new NotFound(`No model "${name}".`);
    return name;
  }

  #defineRoutes() {
    const store = () => this.store;
    const records = () => this.storage.records;
    const now = () => this.#now;

    this.#add(route.sessionCreate, ({ request }) => this.#exchange(request));
    this.#add(route.sessionEnd, async ({ request }) => {
      await this.#sessions.delete(this.#bearer(request) ?? '');
      return new Response(null, { status: 204 });
    });

    // R22: the staff session's own routes.
    this.#staffRoute(route.portfolioList, ({ url, staffId }) =>
      json(200, {
        items: portfolioOf(
          this.store,
          staffId,
          { q: url.searchParams.get('q'), sort: url.searchParams.get('sort') },
          this.#now,
        ),
      }),
    );
    this.#staffRoute(route.sessionOpenPortal, async ({ request, staffId, switchTo }) => {
      const { portalId } = await readBody(request, PortalSwitch);
      if (portalId === null) return switchTo({ kind: 'staff', userId: staffId });
      // Not openable and not existing answer alike: nothing about other portals leaks (R22).
      if (!internalMayOpen(this.store, staffId, portalId)) return refusal('no_portal_access');
      return switchTo({ kind: 'internal', userId: staffId, portalId });
    });
    this.#staffRoute(route.sessionViewAs, async ({ request, principal, staffId, switchTo }) => {
      if (principal.kind !== 'internal')
        return refusal('bad_request', 'Open a portal before viewing it as someone.');
      const { contactId } = await readBody(request, ViewAs);
      return switchTo({
        kind: 'impersonation',
        actorId: staffId,
        portalId: principal.portalId,
        contactId,
        via: 'view-as',
      });
    });
    // "Exit view" returns to the same portal as staff.
    this.#staffRoute(route.sessionExitView, ({ principal, staffId, switchTo }) =>
      principal.kind === 'impersonation'
        ? switchTo({ kind: 'internal', userId: staffId, portalId: principal.portalId })
        : refusal('bad_request', 'This session is not viewing as anyone.'),
    );

    this.#route(route.bootstrapGet, async ({ viewer }) =>
      json(200, await bootstrapFor(store(), records(), viewer)),
    );
    this.#route(route.pagesGet, async ({ viewer, params }) =>
      answer(await pagePayload(store(), records(), viewer, params[0]!)),
    );

    // Records (R3, R5, R19). Literal sub-routes first.
    this.#route(route.recordsExport, async ({ viewer, params, url }) => {
      const model = this.#model(params[0]!);
      const csv = await exportRecords(store(), viewer, records(), model, parseQuery(url.searchParams), {
        locale: url.searchParams.get('locale') ?? 'en',
        pageId: url.searchParams.get('page'),
      });
      if (!csv.ok) return errorResponse(csv.error);
      return new Response(csv.value, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${model}.csv"`,
        },
      });
    });
    this.#route(route.recordsUnshared, async ({ viewer, params }) =>
      answer(await unsharedRecords(viewer, records(), this.#model(params[0]!)), (items) => ({ items })),
    );
    this.#route(route.recordsShare, async ({ viewer, params, request }) => {
      const model = this.#model(params[0]!);
      const body = await readBody(request, ShareRequest);
      await this.storage.loadRecords(model, body.ids);
      return answer(shareRecords(store(), viewer, model, body.ids, body.shared, now()));
    });
    this.#route(route.recordsList, async ({ viewer, params, url }) =>
      answer(await listRecords(viewer, records(), this.#model(params[0]!), parseQuery(url.searchParams))),
    );
    this.#route(route.recordsCreate, async ({ viewer, params, request, url }) => {
      const model = this.#model(params[0]!);
      const fields = await readRecordWrite(request);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
      if (!through.ok) return errorResponse(through.error);
      return answer(createRecord(store(), viewer, model, fields, now()), undefined, 201);
    });
    this.#route(route.recordsGet, async ({ viewer, params }) =>
      answer(await getRecord(viewer, records(), this.#model(params[0]!), params[1]!)),
    );
    this.#route(route.recordsUpdate, async ({ viewer, params, request, url }) => {
      const model = this.#model(params[0]!);
      const fields = await readRecordWrite(request);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
      if (!through.ok) return errorResponse(through.error);
      await this.storage.loadRecords(model, [params[1]!]);
      return answer(updateRecord(store(), viewer, model, params[1]!, fields, now()));
    });
    this.#route(route.recordsRemove, async ({ viewer, params, url }) => {
      const model = this.#model(params[0]!);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'table', model });
      if (!through.ok) return errorResponse(through.error);
      await this.storage.loadRecords(model, [params[1]!]);
      return answer(removeRecord(store(), viewer, model, params[1]!, now()));
    });

    // Tasks, comments, mentions (R7, R9).
    this.#route(route.tasksList, ({ viewer }) => {
      const { workflows, adHoc } = listTasks(store(), viewer);
      const task = (t: (typeof adHoc)[number]) => taskPayload(store(), viewer, t);
      return json(200, {
        workflows: workflows.map((w) => ({ ...w, tasks: w.tasks.map(task) })),
        adHoc: adHoc.map(task),
      });
    });
    this.#route(route.tasksSetStatus, async ({ viewer, params, request, url }) => {
      const { status } = await readBody(request, TaskStatusWrite);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'tasks' });
      if (!through.ok) return errorResponse(through.error);
      return answer(setTaskStatus(store(), viewer, params[0]!, status, now()), (t) =>
        taskPayload(store(), viewer, t),
      );
    });
    // Staff choosing what the portal shows and who owns what is management (R7, R19), not a write
    // through the page: it is not bound to the page's access, like record sharing.
    this.#route(route.tasksManage, async ({ viewer, params, request }) => {
      const change = await readBody(request, TaskManage);
      return answer(manageTask(store(), viewer, params[0]!, change, now()), (t) =>
        taskPayload(store(), viewer, t),
      );
    });
    this.#route(route.commentsList, ({ viewer, params }) =>
      answer(listComments(store(), viewer, params[0]!), (items) => ({
        items: items.map((c) => commentPayload(store(), c)),
      })),
    );
    this.#route(route.commentsCreate, async ({ viewer, params, request, url }) => {
      const body = await readBody(request, CommentCreate);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'tasks' });
      if (!through.ok) return errorResponse(through.error);
      return answer(
        addComment(store(), viewer, params[0]!, body.body, body.mentions, now()),
        (c) => commentPayload(store(), c),
        201,
      );
    });
    this.#route(route.peopleMentionable, ({ viewer }) => json(200, { items: mentionable(store(), viewer) }));

    // Files (R6).
    const fileItem = ({
      id,
      name,
      type,
      size,
      uploadedBy,
      createdAt,
    }: {
      id: string;
      name: string;
      type: string;
      size: number;
      uploadedBy: string;
      createdAt: string;
    }) => ({
      id,
      name,
      type,
      size,
      uploadedBy,
      createdAt,
    });
    this.#route(route.filesList, ({ viewer }) =>
      answer(listFiles(store(), viewer), (files) => ({
        items: files.map(fileItem),
        limits: viewer.portal.files,
      })),
    );
    this.#route(route.filesUnshared, ({ viewer }) =>
      answer(unsharedFiles(store(), viewer), (files) => ({
        items: files.map(fileItem),
        limits: viewer.portal.files,
      })),
    );
    this.#route(route.filesUpload, async ({ viewer, request, url }) => {
      // Checked before the bytes were read (#uploadBeforeWrite), and again on the latest data.
      const refused = uploadRefusal(store(), viewer, url);
      if (refused) return refused;
      // The portal's own limit (the bytes are here already: read before the write began).
      let bytes: Uint8Array;
      try {
        bytes = await readBytes(request, viewer.portal.files.maxBytes);
      } catch (error) {
        if (error instanceof TooLarge)
          return refusal('file_too_large', fileTooLarge(viewer.portal.files.maxBytes));
        throw error;
      }
      const name = url.searchParams.get('name')!;
      return answer(await uploadFile(store(), viewer, { name, bytes }, now()), fileItem, 201);
    });
    this.#route(route.filesShare, async ({ viewer, request }) => {
      const body = await readBody(request, ShareRequest);
      return answer(shareFiles(store(), viewer, body.ids, body.shared, now()));
    });
    this.#route(route.filesRemove, ({ viewer, params, url }) => {
      const allowed = fileRoutesAllowed(viewer);
      if (!allowed.ok) return errorResponse(allowed.error);
      const through = writeThrough(store(), viewer, url.searchParams.get('page'), { type: 'files' });
      if (!through.ok) return errorResponse(through.error);
      return answer(removeFile(store(), viewer, params[0]!, now()));
    });
    this.#route(route.filesContent, ({ viewer, params }) => {
      const file = getFile(store(), viewer, params[0]!);
      if (!file.ok) return errorResponse(file.error);
      const bytes = Uint8Array.from(atob(file.value.content), (c) => c.charCodeAt(0));
      const filename = encodeURIComponent(file.value.name);
      return new Response(bytes, {
        headers: {
          'content-type': file.value.type,
          'content-disposition': `attachment; filename*=UTF-8''${filename}`,
          'x-content-type-options': 'nosniff',
        },
      });
    });

    // Documents (R8).
    this.#route(route.documentsGet, ({ viewer, params }) => answer(getDocument(store(), viewer, params[0]!)));
    this.#route(route.documentsSave, async ({ viewer, params, request }) => {
      const body = await readBody(request, DocumentSave, BODY_LIMITS.document, 'body');
      return answer(saveDocument(store(), viewer, params[0]!, body.body, body.baseVersion, now()));
    });

    // Activity (R15) and self-service contacts (R16).
    this.#route(route.activityRecord, async ({ viewer, request }) => {
      const { events } = await readBody(request, ActivityBatch);
      return json(202, { recorded: recordActivity(store(), viewer, events, now()) });
    });
    this.#route(route.contactsList, ({ viewer }) =>
      answer(companyContacts(store(), viewer), (items) => ({ items })),
    );
    this.#route(route.contactsUpdate, async ({ viewer, params, request }) => {
      const change = await readBody(request, ContactUpdate);
      return answer(updateContact(store(), viewer, params[0]!, change, now()));
    });
    this.#route(route.contactsCreate, async ({ viewer, request }) => {
      const body = await readBody(request, ContactCreate);
      return answer(addContact(store(), viewer, body, now()), undefined, 201);
    });

    // Staff side (R20, R23): managing the portal of the session.
    this.#route(route.manageContent, ({ viewer }) => answer(contentTree(store(), viewer)));
    this.#route(route.manageContentSave, async ({ viewer, request }) => {
      const change = await readBody(request, ContentChange);
      return answer(changeContent(store(), viewer, change, now()));
    });
    this.#route(route.managePeople, ({ viewer }) => answer(portalPeople(store(), viewer, now())));
    this.#route(route.managePeopleAdd, async ({ viewer, request }) => {
      const body = await readBody(request, PortalUserCreate);
      return answer(addPortalUser(store(), viewer, body, now()), undefined, 201);
    });
    this.#route(route.managePeopleUpdate, async ({ viewer, params, request }) => {
      const change = await readBody(request, PortalUserUpdate);
      return answer(changePortalUser(store(), viewer, params[0]!, change, now()));
    });
    this.#route(route.managePeopleRemove, ({ viewer, params }) =>
      answer(removePortalUser(store(), viewer, params[0]!, now())),
    );
    this.#route(route.manageAudienceSave, async ({ viewer, request }) => {
      const body = await readBody(request, Audience);
      return answer(setAudience(store(), viewer, body, now()));
    });
    this.#route(route.manageInvitations, ({ viewer }) => answer(invitations(store(), viewer)));
    this.#route(route.manageInvitationsSave, async ({ viewer, request }) => {
      const { ids } = await readBody(request, InvitedWrite);
      return answer(setInvited(store(), viewer, ids, now()));
    });
    this.#route(route.manageBranding, ({ viewer }) => answer(branding(store(), viewer)));
    this.#route(route.manageBrandingSave, async ({ viewer, request }) => {
      const body = await readBody(request, PortalBrandingWrite);
      return answer(setBranding(store(), viewer, body, now()));
    });
    this.#route(route.manageRoles, ({ viewer }) => answer(externalRoles(store(), viewer)));
    this.#route(route.manageRolesCreate, async ({ viewer, request }) => {
      const body = await readBody(request, ExternalRoleCreate);
      return answer(createRole(store(), viewer, body, now()), undefined, 201);
    });
    this.#route(route.manageRolesUpdate, async ({ viewer, params, request }) => {
      const body = await readBody(request, ExternalRoleWrite);
      return answer(updateRole(store(), viewer, params[0]!, body, now()));
    });
    this.#route(route.manageRolesRemove, ({ viewer, params }) =>
      answer(removeRole(store(), viewer, params[0]!, now())),
    );
    this.#route(route.manageActivity, async ({ viewer }) =>
      answer(await readPortalActivity(store(), this.storage.records, viewer, now())),
    );
    this.#route(route.manageAudit, async ({ viewer, url }) =>
      answer(
        await readAuditTrail(store(), this.storage.records, viewer, {
          actor: url.searchParams.get('actor'),
          action: url.searchParams.get('action'),
        }),
        (items) => ({ items }),
      ),
    );
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}
