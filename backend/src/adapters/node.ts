// The Node `http` adapter of `portalkit/backend`: a request listener that hands each request to
// `backend.handle` as a fetch-standard Request and writes its Response back. No CLI, no demo
// CORS: the standalone server (`bin.ts`) and the demo build on it.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_CODES } from '../../../src/contract/error-codes.js';
import type { Backend } from '../http/backend.js';
import { createRateLimit, type RateLimits } from '../http/rate-limit.js';

export interface NodeHandlerOptions {
  /** Where the API is mounted (default `/api`; `''` under an Express path). */
  basePath?: string;
  /**
   * Limits per address, per session and on sign-in attempts (`DEFAULT_RATE_LIMITS`), answered
   * `429 rate_limited` with `Retry-After`; `false` turns them off (a proxy in front limits).
   */
  rateLimits?: RateLimits | false;
  /**
   * Take the client's address from `X-Forwarded-For` (its first entry): only behind a proxy you
   * run, which sets it. Default: the connection's own address.
   */
  trustProxy?: boolean;
}

/**
 * The request body as a web stream read on demand (nothing is read until the backend asks), and
 * a way to read what the backend left of it to its end, throwing it away.
 */
function bodyStream(req: IncomingMessage) {
  let chunks: AsyncIterator<Buffer> | undefined;
  const next = () => (chunks ??= req[Symbol.asyncIterator]()).next();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {},
    },
    { highWaterMark: 0 },
  );
  /** Resolves when the body has been read to its end, or after `ms` (then `false`). */
  const drain = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms).unref();
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      if (req.readableEnded) return done();
      if (!chunks) {
        req.once('end', done).resume();
        return;
      }
      void (async () => {
        try {
          while (!(await next()).done);
        } catch {
          // the client went away: nothing left to read
        }
        done();
      })();
    });
  return { stream, drain };
}

/** How long a client may go on sending a body that was refused before it is cut off. */
const GRACE_MS = 2_000;
/** A refused body up to this size is read to its end to keep its connection. */
const SMALL_BODY = 64 * 1024;

/**
 * The backend as a Node `http` server, ready for production:
 *
 *   nodeServer(backend).listen(8787);   // the API under /api
 *
 * Every request goes to `nodeHandler(backend, options)`. Idle keep-alive connections outlive a
 * proxy's or a client pool's own idle timeout (commonly 60 s), so the server never closes one
 * just as a client reuses it. What Node refuses before a request reaches the handler — a request
 * line or headers over its 16 KB limit (a very long query), a request it cannot parse — is
 * answered in the contract's error shape (`headers_too_large` 431, `bad_request` 400), not with an
 * empty body.
 */
export function nodeServer(backend: Pick<Backend, 'handle'>, options: NodeHandlerOptions = {}): Server {
  return serverFor(nodeHandler(backend, options));
}

/** A Node server around `listener` with the limits and answers of `nodeServer`. */
export function serverFor(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away, or a socket already answered: nothing to say to anyone.
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
    const { status, message } = ERROR_CODES[code];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${code === 'bad_request' ? 'Bad Request' : 'Request Header Fields Too Large'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        'cache-control: no-store\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
  });
  return server;
}

/**
 * The request listener alone: `nodeServer` builds on it; use it as Express/Connect middleware
 * (`app.use(nodeHandler(backend))`, API under `/api`; or `app.use('/portal', nodeHandler(backend, ''))`).
 */
export function nodeHandler(
  backend: Pick<Backend, 'handle'>,
  options: NodeHandlerOptions | string = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const {
    basePath = '/api',
    rateLimits = {},
    trustProxy = false,
  } = typeof options === 'string' ? { basePath: options } : options;
  const limit = rateLimits === false ? undefined : createRateLimit(rateLimits);
  return async (req, res) => {
    // The body is streamed to the backend, which reads only as much as the route allows
    // (BODY_LIMITS, the portal's file limit): nothing is buffered before the checks.
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const body = hasBody ? bodyStream(req) : undefined;
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(body ? { body: body.stream, duplex: 'half' } : {}),
    } as RequestInit);
    const forwarded = trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]!
          .trim()
      : '';
    const address = forwarded || req.socket.remoteAddress || 'unknown';
    const response =
      (await limit?.check(request, address, basePath)) ?? (await backend.handle(request, basePath));
    const headers = Object.fromEntries(response.headers);
    const answer = Buffer.from(await response.arrayBuffer());
    // A small body the backend did not need (refused before reading it) is read to its end, so
    // the connection stays usable for the next request.
    const declared = Number(req.headers['content-length']);
    const ended = !body || req.readableEnded || (declared <= SMALL_BODY && (await body.drain(GRACE_MS)));
    if (ended) {
      res.writeHead(response.status, headers);
      res.end(answer);
      return;
    }
    // Answered before the body was read to its end (a 413). This connection cannot carry another
    // request, so the answer says `Connection: close`; it is sent whole (its length known, so the
    // client can read it at once), and what the client still sends is read and thrown away (never
    // kept) until it stops — closing at once would reset the connection under the client before it
    // reads the answer. A client that keeps sending is cut off after a grace period.
    res.writeHead(response.status, {
      ...headers,
      connection: 'close',
      'content-length': String(answer.length),
    });
    res.write(answer);
    if (await body.drain(GRACE_MS)) res.end();
    else {
      res.end();
      req.socket.destroy();
    }
  };
}
