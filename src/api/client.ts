// The one API client: attaches the session to every call, parses every response with the
// contract's schemas, and renews the session (single flight) through fetchToken.
import type * as z from 'zod/mini';
import { ApiErrorBody } from '../contract/error.js';
import type { SessionScope } from '../contract/schemas.js';
import {
  sessionCreate,
  sessionEnd,
  sessionExitView,
  sessionOpenPortal,
  sessionViewAs,
} from '../contract/routes/session.js';
import {
  type Route,
  type RouteAnswer,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
} from '../contract/route.js';
import { PortalApiError } from './errors.js';
import { defaultMessage, hintFor, noFetchTokenHint } from './hints.js';

const errorDetail = ({ error }: ApiErrorBody) => ({
  ...(error.path ? { path: error.path } : {}),
  ...(error.limit !== undefined ? { limit: error.limit } : {}),
});

export interface PortalApiOptions {
  apiBase: string;
  fetchToken?: () => Promise<string>;
  /** How long one fetchToken call may take (ms). */
  fetchTokenTimeoutMs?: number;
  /** Called with every new scope: the first exchange, each renewal, each portal switch (R22). */
  onSession?: (scope: SessionScope) => void;
  /** Called when the session ended and could not be renewed. */
  onSessionEnded?: (error: PortalApiError) => void;
  fetch?: typeof fetch;
  /** The reader's language (BCP 47), sent as Accept-Language: the tenant's labels come in it. */
  locale?: () => string;
}

/** What a call of `route` takes: its path parameters, query, body — each required when the route has them. */
export type CallInit<R extends Route> = (R['path'] extends `${string}{${string}`
  ? { params: RouteParams<R> }
  : { params?: undefined }) &
  ([RouteBody<R>] extends [never] ? { body?: undefined } : { body: RouteBody<R> }) &
  (R extends { throughPage: true } ? { query: RouteQuery<R> } : { query?: RouteQuery<R> }) & {
    signal?: AbortSignal;
    /** Outlives the page (activity sent on the way out). */
    keepalive?: boolean;
  };
type CallArgs<R extends Route> = object extends CallInit<R> ? [init?: CallInit<R>] : [init: CallInit<R>];

type QueryValue = string | number | readonly string[] | undefined;

/** The path of a call: parameters filled in (encoded), then the query (arrays repeat their name). */
export function urlFor(
  route: Route,
  params: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      search.append(name, String(one));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const RENEWAL_CODES = new Set(['session_expired', 'session_missing']);
/** Renew this long before the server's expiry. */
const RENEW_AHEAD_MS = 60_000;

export class PortalApiClient {
  readonly #options: PortalApiOptions;
  #session?: string;
  /** Where staff moved this session (R22), re-applied after a renewal's exchange. */
  #place?: { portalId: string | null; viewAs?: string };
  #renewal?: Promise<void>;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #disposed = new AbortController();

  constructor(options: PortalApiOptions) {
    this.#options = options;
  }

  get apiBase(): string {
    return this.#options.apiBase.replace(/\/$/, '');
  }

  /**
   * Exchanges a launch token for a session; returns what it shows: a portal's bootstrap, or for
   * a staff token naming no portal, none yet (their portfolio, R22).
   */
  async exchange(token: string, notify = true): Promise<SessionScope> {
    const response = await this.#send(
      sessionCreate.path,
      { method: sessionCreate.method, body: JSON.stringify({ token }) },
      false,
    );
    const { session, ...scope } = this.#parse(sessionCreate.response, await response.json());
    this.#session = session.token;
    this.#schedule(session.expiresIn);
    if (notify) this.#options.onSession?.(scope);
    return scope;
  }

  /** R22: staff open a portal of their portfolio in this session (null: back to the portfolio). */
  async switchPortal(portalId: string | null): Promise<SessionScope> {
    const scope = await this.#move(this.call(sessionOpenPortal, { body: { portalId } }));
    this.#place = { portalId };
    return scope;
  }

  /** R12, R22: staff view the portal as one of its users (null: Exit view), no new launch token. */
  async viewAs(contactId: string | null): Promise<SessionScope> {
    const scope = await this.#move(
      contactId ? this.call(sessionViewAs, { body: { contactId } }) : this.call(sessionExitView),
    );
    this.#place = {
      portalId: scope.bootstrap?.portal.id ?? null,
      ...(contactId ? { viewAs: contactId } : {}),
    };
    return scope;
  }

  async #move(call: Promise<RouteAnswer<typeof sessionOpenPortal>>) {
    const scope = await call;
    this.#options.onSession?.(scope);
    return scope;
  }

  /**
   * Calls a route of the contract (src/contract/routes.ts) under the session and parses its answer
   * with the route's schema: the JSON, the raw Response of a CSV or file, or nothing. Renews the
   * session once and retries once when it has ended.
   *
   *   await api.call(recordsList, { params: { model }, query: { page, q }, signal })
   */
  async call<R extends Route>(route: R, ...[init]: CallArgs<R>): Promise<RouteAnswer<R>> {
    const { params, query, body, signal, keepalive } = (init ?? {}) as {
      params?: Record<string, string>;
      query?: Record<string, QueryValue>;
      body?: unknown;
      signal?: AbortSignal;
      keepalive?: boolean;
    };
    // A write carries a key of its own (the session's own moves excepted): when its answer is lost
    // on the way back (a dropped connection), it is sent again once with the same key, and the
    // backend answers what it did the first time instead of writing twice.
    const key =
      route.method === 'POST' && !route.path.startsWith('/session') ? crypto.randomUUID() : undefined;
    const send = () =>
      this.#authorized(urlFor(route, params, query), {
        method: route.method,
        ...(key ? { headers: { 'idempotency-key': key } } : {}),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
        ...(keepalive ? { keepalive } : {}),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (!key || !(error instanceof PortalApiError) || error.code !== 'network') throw error;
      response = await send();
    }
    if (route.response) return this.#parse(route.response, await response.json()) as RouteAnswer<R>;
    if (route.contentType) return response as RouteAnswer<R>;
    // An answer without a body: nothing to read (the connection is released).
    await response.body?.cancel();
    return undefined as RouteAnswer<R>;
  }

  /**
   * Sends a file as the request body with upload progress (fetch has none, so this uses XHR).
   * Renews the session once if it has ended, like every other call.
   */
  async upload<R extends Route & { rawBody: string; response: z.ZodMiniType }>(
    route: R,
    file: Blob,
    options: {
      query: RouteQuery<R>;
      onProgress?: (loaded: number, total: number) => void;
      signal?: AbortSignal;
    },
  ): Promise<RouteAnswer<R>> {
    const path = urlFor(route, {}, options.query as Record<string, QueryValue>);
    const schema = route.response as z.ZodMiniType<RouteAnswer<R>>;
    const key = crypto.randomUUID();
    try {
      return await this.#xhrUpload(path, file, schema, key, options);
    } catch (error) {
      if (!(error instanceof PortalApiError) || !RENEWAL_CODES.has(error.code)) throw error;
      // Without a fetchToken, renew() ends the session and says what the developer should set.
      await this.renew();
      return this.#xhrUpload(path, file, schema, key, options);
    }
  }

  #xhrUpload<T>(
    path: string,
    file: Blob,
    schema: z.ZodMiniType<T>,
    idempotencyKey: string,
    options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal },
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.apiBase}${path}`);
      if (this.#session) xhr.setRequestHeader('authorization', `Bearer ${this.#session}`);
      xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('idempotency-key', idempotencyKey);
      xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      const abort = () => xhr.abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      this.#disposed.signal.addEventListener('abort', abort, { once: true });
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      xhr.onerror = () =>
        reject(
          new PortalApiError(
            'network',
            'The portal could not be reached. Check your connection and try again.',
            0,
            hintFor('network'),
          ),
        );
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(this.#parse(schema, body));
          } catch (error) {
            reject(error);
          }
          return;
        }
        const parsed = ApiErrorBody.safeParse(body);
        const code = parsed.success ? parsed.data.error.code : `http_${xhr.status}`;
        reject(
          new PortalApiError(
            code,
            parsed.success ? parsed.data.error.message : defaultMessage(code),
            xhr.status,
            hintFor(code),
            parsed.success ? errorDetail(parsed.data) : {},
          ),
        );
      };
      xhr.send(file);
    });
  }

  /** Ends the session on the server and stops every timer and pending call. */
  async signOut(): Promise<void> {
    if (this.#session)
      await this.#send(sessionEnd.path, { method: sessionEnd.method }, true).catch(() => undefined);
    this.dispose();
  }

  /** Cancels timers, pending calls and any renewal: the element was removed or got a new token. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#disposed.abort();
    this.#session = undefined;
  }

  async #authorized(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#send(path, init, true);
    } catch (error) {
      if (!(error instanceof PortalApiError) || !RENEWAL_CODES.has(error.code)) {
        if (error instanceof PortalApiError && error.code === 'session_revoked')
          this.#options.onSessionEnded?.(error);
        throw error;
      }
      // Without a fetchToken, renew() ends the session and says what the developer should set.
      await this.renew();
      return this.#send(path, init, true);
    }
  }

  /** One fetchToken + exchange at a time, however many calls are waiting for it. */
  renew(): Promise<void> {
    this.#renewal ??= this.#renewOnce().finally(() => (this.#renewal = undefined));
    return this.#renewal;
  }

  async #renewOnce(): Promise<void> {
    const fetchToken = this.#options.fetchToken;
    if (typeof fetchToken !== 'function') {
      const ended = new PortalApiError(
        'session_expired',
        defaultMessage('session_expired'),
        401,
        noFetchTokenHint(fetchToken),
      );
      if (!this.#disposed.signal.aborted) this.#options.onSessionEnded?.(ended);
      throw ended;
    }
    const timeoutMs = this.#options.fetchTokenTimeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const token = await Promise.race([
        fetchToken(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new PortalApiError(
                  'fetch_token_timeout',
                  defaultMessage('session_expired'),
                  0,
                  `fetchToken did not settle within ${timeoutMs} ms.`,
                ),
              ),
            timeoutMs,
          );
          this.#disposed.signal.addEventListener(
            'abort',
            () => reject(new DOMException('Portal removed', 'AbortError')),
            { once: true },
          );
        }),
      ]);
      if (this.#disposed.signal.aborted) throw new DOMException('Portal removed', 'AbortError');
      // A renewed session goes back where staff had moved it (R22), shown once it is there.
      const place = this.#place;
      await this.exchange(token, !place);
      if (place) {
        await this.#move(this.call(sessionOpenPortal, { body: { portalId: place.portalId } }));
        if (place.viewAs) await this.#move(this.call(sessionViewAs, { body: { contactId: place.viewAs } }));
      }
    } catch (error) {
      const ended =
        error instanceof PortalApiError
          ? error
          : new PortalApiError(
              'session_expired',
              defaultMessage('session_expired'),
              401,
              `fetchToken failed: ${(error as Error)?.message ?? error}`,
            );
      if (!this.#disposed.signal.aborted) this.#options.onSessionEnded?.(ended);
      throw ended;
    } finally {
      clearTimeout(timer);
    }
  }

  #schedule(expiresInSeconds: number) {
    clearTimeout(this.#timer);
    // From the server's expiresIn, not from comparing clocks.
    const delay = Math.max(0, expiresInSeconds * 1000 - RENEW_AHEAD_MS);
    this.#timer = setTimeout(() => {
      // renew() ends the session itself, with the hint, when there is no fetchToken to call.
      this.renew().catch(() => undefined);
    }, delay);
  }

  async #send(path: string, init: RequestInit, withSession: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    if (withSession && this.#session) headers.set('authorization', `Bearer ${this.#session}`);
    const locale = this.#options.locale?.();
    if (locale && !headers.has('accept-language')) headers.set('accept-language', locale);
    // keepalive calls (activity on the way out) outlive the portal; all others stop with it.
    const signal = init.keepalive
      ? (init.signal ?? undefined)
      : init.signal
        ? AbortSignal.any([init.signal, this.#disposed.signal])
        : this.#disposed.signal;
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(`${this.apiBase}${path}`, { ...init, headers, signal });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new PortalApiError(
        'network',
        'The portal could not be reached. Check your connection and try again.',
        0,
        hintFor('network'),
      );
    }
    if (response.ok) return response;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const parsed = ApiErrorBody.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : `http_${response.status}`;
    const message = parsed.success ? parsed.data.error.message : defaultMessage(code);
    throw new PortalApiError(
      code,
      message,
      response.status,
      hintFor(code),
      parsed.success ? errorDetail(parsed.data) : {},
    );
  }

  #parse<T>(schema: z.ZodMiniType<T>, data: unknown): T {
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new PortalApiError(
        'invalid_response',
        'The portal sent an answer it could not read.',
        0,
        `${hintFor('invalid_response')} At ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    return result.data;
  }
}
