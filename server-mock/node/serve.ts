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

export function createMockServer(backend: Backend, basePath = '/api') {
  return createServer(async (req, res) => {
    cors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body } : {}),
    });
    const response = await backend.handle(request, basePath);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const worldFlag = process.argv.indexOf('--world');
  let world: World;
  try {
    world = worldFlag > 0 ? loadWorldFile(process.argv[worldFlag + 1] ?? '') : demoWorld();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8787);
  const server = createMockServer(new Backend(world, { keys: DEV_VERIFY_KEYS }));
  server.listen(port, '127.0.0.1', () => {
    console.log(
      `portalkit mock backend: http://127.0.0.1:${port}/api (world: ${worldFlag > 0 ? process.argv[worldFlag + 1] : 'demo'})`,
    );
  });
}
