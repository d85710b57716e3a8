// #22 item 7: limits at the edge — sign-in attempts and requests per address, requests per
// session — answered 429 rate_limited with Retry-After before the backend does any work.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { nodeHandler, type NodeHandlerOptions } from '../../../backend/src/adapters/node.js';
import { createRateLimit, DEFAULT_RATE_LIMITS } from '../../../backend/src/http/rate-limit.js';

/** A backend that only counts: a limited request must never reach it. */
function counting() {
  const seen = { calls: 0 };
  const backend = {
    handle: async () => {
      seen.calls++;
      return Response.json(
        { error: { code: 'session_missing', message: 'You are not signed in.' } },
        { status: 401 },
      );
    },
  };
  return { backend, seen };
}

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

async function serve(options: NodeHandlerOptions) {
  const { backend, seen } = counting();
  const server = createServer(nodeHandler(backend, options));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, seen };
}

describe('rate limits at the edge (#22)', () => {
  it('sign-in attempts per address: the one over the limit is 429 with Retry-After, and never reaches the backend', async () => {
    const { base, seen } = await serve({ rateLimits: { signInPerAddress: 3 } });
    const signIn = () => fetch(`${base}/session`, { method: 'POST', body: JSON.stringify({ token: 'x' }) });
    for (let i = 0; i < 3; i++) assert.equal((await signIn()).status, 401);
    const refused = await signIn();
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.deepEqual(await refused.json(), {
      error: { code: 'rate_limited', message: 'Too many requests. Please wait a moment and try again.' },
    });
    assert.equal(seen.calls, 3);
    // Other routes from that address go on (within the address's own limit).
    assert.equal((await fetch(`${base}/records/Task`)).status, 401);
  });

  it('requests per session, and per address — another address is not affected (behind a trusted proxy)', async () => {
    const { base } = await serve({ rateLimits: { perSession: 4, perAddress: 8 }, trustProxy: true });
    const as = (token: string, address: string) =>
      fetch(`${base}/records/Task`, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address },
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await as('session-a', '203.0.113.1')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429], 'the fifth request of one session');
    assert.equal((await as('session-b', '203.0.113.1')).status, 401, 'another session from the same address');
    for (let i = 0; i < 2; i++) await as(`session-${i + 3}`, '203.0.113.1');
    assert.equal((await as('session-9', '203.0.113.1')).status, 429, 'the address is over its own limit');
    assert.equal((await as('session-c', '198.51.100.7')).status, 401, 'another address is not affected');
  });

  it('off when asked (a proxy in front limits), with documented defaults otherwise', async () => {
    const { base } = await serve({ rateLimits: false });
    for (let i = 0; i < 100; i++)
      assert.equal((await fetch(`${base}/session`, { method: 'POST', body: '{}' })).status, 401);
    assert.deepEqual(DEFAULT_RATE_LIMITS, { perAddress: 1200, signInPerAddress: 60, perSession: 600 });
    // The same limits in front of backend.handle in any fetch-standard host.
    const limit = createRateLimit({ perAddress: 1 });
    const request = () => new Request('http://portal.test/api/bootstrap');
    assert.equal(await limit.check(request(), '192.0.2.1'), null);
    assert.equal((await limit.check(request(), '192.0.2.1'))?.status, 429);
  });
});
