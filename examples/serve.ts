// The backend side of the examples: `/api` is portalkit's backend on the demo world (in memory),
// `/token` mints a short-lived launch token for the demo persona Alice — in your product, your
// backend does this for the user who is signed in (see portalkit/server).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../server-mock/dev-keys.js';
import { Backend } from '../backend/src/http/backend.js';
import { MemoryStorage } from '../backend/src/storage/memory/storage.js';
import { nodeHandler } from '../backend/src/adapters/node.js';
import { demoWorld } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';

type Next = () => void;

/** Middleware for /api and /token; anything else goes to `next`. */
export async function exampleHandler() {
  const backend = new Backend({ storage: new MemoryStorage(demoWorld()), keys: DEV_VERIFY_KEYS });
  const api = nodeHandler(backend);
  return async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    if (req.url === '/token') {
      const token = await signLaunchToken(
        { iss: 'example-host', sub: 'k-nw-alice', kind: 'external', portal: 'p-northwind' },
        DEV_SIGNING_KEY,
      );
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token }));
      return;
    }
    if (req.url?.startsWith('/api/')) return void (await api(req, res));
    next();
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves a built example (its dist/ folder) with /api and /token, on a free loopback port. */
export async function serveBuiltExample(dist: string, headers: Record<string, string> = {}) {
  const handler = await exampleHandler();
  const server = createServer((req, res) =>
    handler(req, res, async () => {
      const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      const file = join(dist, path === '/' ? 'index.html' : path);
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...headers,
        });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}
