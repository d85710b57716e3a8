// The Node `http` adapter of `portalkit/backend`: a request listener that hands each request to
// `backend.handle` as a fetch-standard Request and writes its Response back. No CLI, no demo
// CORS: the standalone server (`bin.ts`) and the demo build on it.
import type { IncomingMessage, ServerResponse } from 'node:http';
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
 * The request body as a web stream read on demand. When the backend stops reading (a body over
 * its limit), the socket is left to the server, which answers before closing it.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = (await chunks.next()) as IteratorResult<Buffer>;
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
    cancel() {},
  });
}

/** How long a client may go on sending a body that was refused before it is cut off. */
const GRACE_MS = 2_000;
/** A refused body up to this size is read to its end to keep its connection. */
const SMALL_BODY = 64 * 1024;

/** Resolves when `req` has been read to its end, or after `ms`. */
function drained(req: IncomingMessage, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms).unref();
    req.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
    req.resume();
  });
}

/**
 * Use it with `http.createServer(nodeHandler(backend))`, or as Express/Connect middleware
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
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
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
    const body = Buffer.from(await response.arrayBuffer());
    // A small body the backend did not need (refused before reading it) is read to its end, so
    // the connection stays usable for the next request.
    const declared = Number(req.headers['content-length']);
    if (hasBody && !req.readableEnded && declared <= SMALL_BODY) await drained(req, GRACE_MS);
    if (!hasBody || req.readableEnded) {
      res.writeHead(response.status, headers);
      res.end(body);
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
      'content-length': String(body.length),
    });
    res.write(body);
    req.resume();
    const cutOff = setTimeout(() => {
      res.end();
      req.socket.destroy();
    }, GRACE_MS).unref();
    req.once('end', () => {
      clearTimeout(cutOff);
      res.end();
    });
  };
}
