// npm run mock: the mock backend over real HTTP on 127.0.0.1 (PORT, default 8787).
//   npm run mock -- --world path/to/world.json
// Same Backend as the msw handlers: no rule is implemented twice.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DEV_VERIFY_KEYS } from '../dev-keys.js';
import { Backend } from '../http/backend.js';
import { demoWorld } from '../worlds/demo.js';
import { parseWorld, WorldError, type World } from '../world/schema.js';

export function loadWorldFile(path: string): World {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new WorldError([{ path: '(file)', reason: `${path}: ${(error as Error).message}` }]);
  }
  return parseWorld(data);
}

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

function cors(req: IncomingMessage, res: ServerResponse) {
  const origin = req.headers.origin;
  if (origin && LOCAL_ORIGIN.test(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('access-control-expose-headers', 'content-disposition');
  }
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

/**
 * The Node `http` adapter: a request listener that hands each request to `backend.handle` as a
 * fetch-standard Request and writes its Response back. Use it with `http.createServer`, or as
 * Express/Connect middleware under a path (`app.use('/api', nodeHandler(backend))` with
 * `basePath: ''`).
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

/** `npm run mock`: the backend on its own port, with CORS for a local demo host. */
export function createMockServer(backend: Backend, basePath = '/api') {
  const handle = nodeHandler(backend, basePath);
  return createServer(async (req, res) => {
    cors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    await handle(req, res);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npm run mock [-- --memory] [--world file.json]: PostgreSQL storage (DATABASE_URL, else PGlite
  // in .portalkit-data/mock) unless --memory; a world file replaces the data after validation.
  const { createBackend, DEFAULT_DATA_DIR } = await import('./backend.js');
  const worldFlag = process.argv.indexOf('--world');
  const memory = process.argv.includes('--memory');
  let world: World | undefined;
  try {
    world = worldFlag > 0 ? loadWorldFile(process.argv[worldFlag + 1] ?? '') : undefined;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const backend = await createBackend({
    keys: DEV_VERIFY_KEYS,
    storage: memory
      ? 'memory'
      : process.env.DATABASE_URL
        ? { url: process.env.DATABASE_URL }
        : { dir: `${DEFAULT_DATA_DIR}/mock` },
    world: world ?? demoWorld(),
  });
  if (world && !memory) await backend.reset(world);
  const port = Number(process.env.PORT ?? 8787);
  createMockServer(backend).listen(port, '127.0.0.1', () => {
    console.log(
      `portalkit backend: http://127.0.0.1:${port}/api (${memory ? 'in memory' : backend.storage.kind}, world: ${worldFlag > 0 ? process.argv[worldFlag + 1] : 'demo'})`,
    );
  });
}
