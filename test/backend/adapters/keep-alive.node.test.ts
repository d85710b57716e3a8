// #22 item 6: over keep-alive connections no request is lost — with and without bodies, and with
// 413s among them (an answer given before the body was read says `Connection: close`, lets the
// client finish sending, and leaves every other connection usable).
import { strict as assert } from 'node:assert';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { nodeHandler } from '../../../backend/src/adapters/node.js';
import { demoWorld } from '../../../server-mock/demo-world.js';

const REQUESTS = 2000;
const OVER_LIMIT = Buffer.alloc(2_500_000, 0x61); // JSON bodies stop at 256 KB

describe('keep-alive connections', () => {
  // Limits off: this sends thousands of requests from one address on purpose (limits: rate-limit test).
  const server = createServer(
    nodeHandler(new Backend({ storage: new MemoryStorage(demoWorld()), keys: DEV_VERIFY_KEYS }), {
      rateLimits: false,
    }),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let port = 0;
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    agent.destroy();
    server.close();
  });

  /** One request: GETs, small JSON POSTs and, one in ten, a body over the limit. */
  const send = (i: number) =>
    new Promise<{ outcome: string; connection?: string }>((resolve) => {
      const kind = i % 10;
      const body =
        kind === 0
          ? OVER_LIMIT
          : kind >= 5
            ? Buffer.from(JSON.stringify({ token: 'not-a-token' }))
            : undefined;
      // One in ten: a small body the backend refuses without reading it (no session).
      const unread = kind === 9;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: unread ? 'PATCH' : body ? 'POST' : 'GET',
          path: unread ? '/api/records/Task/t-1?page=pg-tasks' : body ? '/api/session' : '/api/records/Task',
          headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ outcome: String(res.statusCode), connection: res.headers.connection }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ outcome: error.code ?? error.message }));
      req.end(body);
    });

  it(`${REQUESTS} requests over 8 keep-alive connections, 413s among them: no reset, every answer as expected`, async () => {
    const outcomes = new Map<string, number>();
    const closes = { on413: 0, otherwise: 0 };
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < REQUESTS) {
          const { outcome, connection } = await send(next++);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (connection === 'close') closes[outcome === '413' ? 'on413' : 'otherwise']++;
        }
      }),
    );
    assert.deepEqual(Object.fromEntries(outcomes), { '401': REQUESTS * 0.9, '413': REQUESTS * 0.1 });
    assert.deepEqual(closes, { on413: REQUESTS * 0.1, otherwise: 0 }, 'only a 413 closes its connection');
  });
});
