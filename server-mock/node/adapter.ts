// The Node `http` adapter of `portalkit/backend`: a request listener that hands each request to
// `backend.handle` as a fetch-standard Request and writes its Response back. No CLI, no demo
// CORS: the standalone server (`bin.ts`) and the demo build on it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../http/backend.js';

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

/**
 * Use it with `http.createServer(nodeHandler(backend))`, or as Express/Connect middleware
 * (`app.use(nodeHandler(backend))`, API under `/api`; or `app.use('/portal', nodeHandler(backend, ''))`).
 */
export function nodeHandler(
  backend: Pick<Backend, 'handle'>,
  basePath = '/api',
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    // The body is streamed to the backend, which reads only as much as the route allows
    // (BODY_LIMITS, the portal's file limit): nothing is buffered before the checks.
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
    } as RequestInit);
    const response = await backend.handle(request, basePath);
    const unread = hasBody && !req.readableEnded;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    if (unread) {
      // Answered before the body was read to its end (a 413): let the client read the answer
      // while what it still sends is thrown away (never kept), then close the connection, so a
      // client that ignores the answer cannot hold it.
      req.resume();
      setTimeout(() => req.destroy(), 2000).unref();
    }
  };
}
