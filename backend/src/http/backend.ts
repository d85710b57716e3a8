// The backend's HTTP contract over a storage: one fetch-style `handle(Request) → Response`, used
// by the Node adapter, the msw handlers in the browser and any fetch-standard host. No rule lives
// here: every decision is the rules engine's; this file parses, routes and serialises, and runs
// each request that may write as one write of the storage (one transaction on a database).
import { SessionRequest } from '../../../src/contract/schemas.js';
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/error-codes.js';
import * as route from '../../../src/contract/routes.js';
import { ROUTE_LIST, type Route } from '../../../src/contract/routes.js';
import { LaunchTokenError, verifyLaunchToken, type LaunchKey } from '../../../src/shared/launch-token.js';
import { fileTooLarge } from '../rules/files.js';
import type { Principal } from '../ports/principal.js';
import type { Result } from '../rules/refusal.js';
import { resolveViewer, type Viewer } from '../rules/viewer.js';
import type { Store } from '../world/store.js';
import type { DataStorage, WriteScope } from '../ports/storage.js';
import { bootstrapFor } from './payloads.js';
import { BadRequest, errorResponse, json, NotFound, refusal, TooLarge } from './answers.js';
import {
  BODY_LIMITS,
  bufferedRequest,
  decodeSegment,
  fingerprintOf,
  idempotencyKey,
  readBody,
  readBytes,
  uploadRefusal,
  languageOf,
} from './requests.js';
import type { Handler, Serve, StaffHandler } from './serve.js';
import { serveContacts } from './routes/contacts.js';
import { serveDocuments } from './routes/documents.js';
import { serveFiles } from './routes/files.js';
import { serveManage } from './routes/manage.js';
import { serveRecords } from './routes/records.js';
import { serveSession } from './routes/session.js';
import { serveTasks } from './routes/tasks.js';
import type { Session, SessionStorage } from '../ports/sessions.js';

/**
 * Writes that change only their portal's data — its users, tasks, comments, files, documents,
 * logs, and records shared with it (each locked as it is loaded) — and so wait only for writes to
 * the same portal and for tenant-wide ones. Every other write is tenant-wide: roles and models
 * (every decision reads them), contacts (R16 automations add and remove users of every portal of
 * the contact's company) and content (templates are shared by portals).
 */
const PORTAL_WRITES: ReadonlySet<Route> = new Set([
  route.activityRecord,
  route.recordsCreate,
  route.recordsUpdate,
  route.recordsRemove,
  route.recordsShare,
  route.tasksManage,
  route.tasksSetStatus,
  route.commentsCreate,
  route.filesUpload,
  route.filesShare,
  route.filesRemove,
  route.documentsSave,
  route.managePeopleAdd,
  route.managePeopleUpdate,
  route.managePeopleRemove,
  route.manageAudienceSave,
  route.manageInvitationsSave,
  route.manageBrandingSave,
]);

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

type Run = (ctx: { request: Request; url: URL; params: string[] }) => Promise<Response>;

export class Backend {
  readonly #options: BackendOptions;
  readonly storage: DataStorage;
  /** The served routes, in match order (a literal segment before a parameter: `/records/{model}/export` first). */
  readonly #routes: { route: Route; pattern: RegExp; run: Run }[] = [];
  /** A GET's session, read while the storage catches up. */
  readonly #prefetched = new WeakMap<Request, Promise<Session | null | undefined>>();
  /** An upload's blob key, by the request its write runs with. */
  readonly #uploaded = new WeakMap<Request, string>();
  /** What a write's route left to do once it committed. */
  readonly #afterCommit = new WeakMap<Request, (() => Promise<void>)[]>();
  /** The request a write's attempt (a fresh copy, see `#attempt`) was made from. */
  readonly #original = new WeakMap<Request, Request>();

  /** The HTTP contract over `options.storage` (`createBackend` opens one and checks the keys). */
  constructor(options: BackendOptions) {
    this.storage = options.storage;
    this.#options = { ...options };
    this.#defineRoutes();
    const unserved = ROUTE_LIST.filter((documented) => !this.#routes.some((s) => s.route === documented));
    if (unserved.length) throw new Error(`Backend: no handler for ${unserved.map((r) => r.key).join(', ')}.`);
  }

  /** The launch-token verification keys (a key belongs to this backend's tenant: `Tenants`). */
  get keys(): readonly LaunchKey[] {
    return this.#options.keys;
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
    // One request: the companies it loads stay with it until it has answered.
    const response = await this.storage
      .serve(() => this.#dispatch(request, url, path))
      .catch((error: unknown) => {
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
      // The catch-up and the session read go to the storage together (one statement).
      const token = this.#bearer(request);
      if (token && request.method === 'GET') this.#prefetched.set(request, this.storage.refresh(token));
      await (this.#prefetched.get(request) ?? this.storage.refresh());
      return await served.run({ request, url, params });
    }
    // Nothing unauthenticated or slow runs inside a write (which holds its portal or the tenant): the
    // session is checked first, then the body arrives whole — a JSON body against the largest
    // JSON limit (each route still applies its own, smaller one), an upload against its portal's
    // limit, after the checks that refuse it without reading it. The write then decides and
    // commits on the latest data, re-checking the session's person against it.
    const session = await this.#sessionBeforeWrite(request);
    if (session instanceof Response) return session;
    // A malformed Idempotency-Key is refused before an upload's bytes are stored.
    if (request.method === 'POST') idempotencyKey(request);
    const ready =
      request.method === 'POST' && path === '/files'
        ? await this.#uploadBeforeWrite(request, url, session)
        : await bufferedRequest(request);
    if (ready instanceof Response) return ready;
    this.#prefetched.set(ready, Promise.resolve(session));
    // What waits for the commit: an upload's bytes stay only with the file they were written for
    // (a refusal, a replayed answer or a write that threw leaves none behind); removed files' bytes go.
    let response: Response | undefined;
    try {
      response = await this.#write(served, ready, url, params, session);
    } finally {
      const fresh = !!response?.ok && !response.headers.has('idempotent-replayed');
      const blob = this.#uploaded.get(ready);
      if (blob && !(fresh && response!.status === 201))
        await this.storage.blobs
          .delete(blob)
          .catch((error) => console.error('backend: blob not removed', error));
      if (fresh)
        for (const after of this.#afterCommit.get(ready) ?? [])
          await after().catch((error) => console.error('backend: after a write', error));
    }
    return response;
  }

  /** One write (see `#dispatch`), answered once per Idempotency-Key. */
  async #write(
    served: { route: Route; run: Run },
    ready: Request,
    url: URL,
    params: string[],
    session: Session,
  ): Promise<Response> {
    const key = ready.method === 'POST' ? idempotencyKey(ready) : undefined;
    const scope = writeScope(served.route, session);
    const run = () => served.run({ request: this.#attempt(ready), url, params });
    if (key === undefined) return await this.storage.write(run, scope);
    // A POST with an Idempotency-Key: a retry of the same request gets the first answer and writes
    // nothing; the key with another request is refused. Kept per person, in the write itself.
    const person = JSON.stringify(session.principal);
    const fingerprint = await fingerprintOf(served.route.key, ready);
    return await this.storage.write(async () => {
      const stored = await this.storage.idempotency.get(person, key, this.#now.getTime());
      if (stored)
        return stored.fingerprint === fingerprint
          ? new Response(stored.body, {
              status: stored.status,
              headers: { 'content-type': stored.contentType, 'idempotent-replayed': 'true' },
            })
          : refusal('idempotency_key_reused');
      const response = await run();
      await this.storage.idempotency.put(
        person,
        key,
        {
          fingerprint,
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          body: await response.clone().text(),
        },
        this.#now.getTime(),
      );
      return response;
    }, scope);
  }

  /**
   * A copy of a write's request for one run of its route: a write may run again on newer data
   * (see `DataStorage.write`), each time reading its body afresh; what the run registers to do
   * after the commit is kept by the original request, and only the last run's.
   */
  #attempt(ready: Request): Request {
    this.#afterCommit.delete(ready);
    const attempt = ready.clone();
    this.#original.set(attempt, ready);
    return attempt;
  }

  #originalOf(request: Request): Request {
    return this.#original.get(request) ?? request;
  }

  /** The request's session while it lasts (an ended one is forgotten), or why there is none. */
  async #liveSession(request: Request): Promise<Session | 'session_missing' | 'session_expired'> {
    const token = this.#bearer(request);
    // Read with the catch-up (null: none), or asked for now: a custom storage's `refresh` may read
    // no session (it did not before it took a token).
    const prefetched = await this.#prefetched.get(this.#originalOf(request));
    const session = token
      ? prefetched === undefined
        ? await this.#sessions.get(token)
        : (prefetched ?? undefined)
      : undefined;
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
    // The bytes go to the blob store now, outside the write; the write keeps their key with the
    // file (or they are removed again when it does not, see `#dispatch`).
    const blob = `blob-${crypto.randomUUID()}`;
    await this.storage.blobs.put(blob, bytes);
    const ready = new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: bytes as RequestInit['body'],
    });
    this.#uploaded.set(ready, blob);
    return ready;
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
    const viewer = await this.#resolve(session.principal, languageOf(request));
    if (!viewer.ok) {
      await this.#sessions.delete(token);
      return fail('session_revoked');
    }
    return viewer;
  }

  /**
   * The viewer a principal in a portal is now (R1, R10–R12, R16, R17), its portal, company and
   * people loaded first: the rules read them from the store.
   */
  async #resolve(principal: Exclude<Principal, { kind: 'staff' }>, locale?: string): Promise<Result<Viewer>> {
    await this.storage.loadCompanies({ portals: [principal.portalId] });
    // A portal's users are its company's contacts, unless an import made others users too.
    const portal = this.store.portals.get(principal.portalId);
    if (portal) await this.storage.loadCompanies({ contacts: portal.users.map((u) => u.contactId) });
    return resolveViewer(this.store, principal, locale);
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
    const viewer =
      principal.kind === 'staff' ? undefined : await this.#resolve(principal, languageOf(request));
    if (viewer && !viewer.ok) return errorResponse(viewer.error);

    const seconds = Math.min(this.#options.sessionSeconds ?? MAX_SESSION_SECONDS, MAX_SESSION_SECONDS);
    const expiresAt = this.#now.getTime() + seconds * 1000;
    // The tenant leads the token: a front serving several tenants routes it without a lookup
    // (a token naming another tenant is simply not found there).
    const sessionToken = `${this.storage.tenant}.${randomToken()}`;
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
      bootstrap: viewer ? await bootstrapFor(this.store, this.storage, viewer) : null,
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
        const viewer = next.kind === 'staff' ? undefined : await this.#resolve(next);
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

  #defineRoutes() {
    this.#add(route.sessionCreate, ({ request }) => this.#exchange(request));
    this.#add(route.sessionEnd, async ({ request }) => {
      await this.#sessions.delete(this.#bearer(request) ?? '');
      return new Response(null, { status: 204 });
    });

    const serve: Serve = {
      on: (served, handler) => this.#route(served, handler),
      onStaff: (served, handler) => this.#staffRoute(served, handler),
      storage: this.storage,
      store: () => this.store,
      records: () => this.storage.records,
      logs: () => this.storage.logs,
      now: () => this.#now,
      uploadedBlob: (request) => this.#uploaded.get(this.#originalOf(request)),
      afterCommit: (request, after) => {
        const original = this.#originalOf(request);
        const list = this.#afterCommit.get(original) ?? [];
        list.push(after);
        this.#afterCommit.set(original, list);
      },
    };
    // Each area serves its routes; match order is the table's (a literal segment first).
    for (const area of [
      serveSession,
      serveRecords,
      serveTasks,
      serveFiles,
      serveDocuments,
      serveContacts,
      serveManage,
    ])
      area(serve);
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}

/** What a write holds while it runs (see PORTAL_WRITES): its portal's writes, or the tenant's. */
function writeScope(served: Route, session: Session): WriteScope {
  const { principal } = session;
  return PORTAL_WRITES.has(served) && 'portalId' in principal
    ? { kind: 'portal', portalId: principal.portalId }
    : { kind: 'tenant' };
}
