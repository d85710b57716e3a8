// npm run mock: the same backend over real HTTP, CORS for a local demo host, world files validated.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../server-mock/http/backend.js';
import { createMockServer, loadWorldFile } from '../../../server-mock/node/serve.js';
import { demoWorld, demoWorldInput } from '../../../server-mock/worlds/demo.js';
import { signLaunchToken } from '../../../src/server/index.js';

describe('standalone mock server', () => {
  const server = createMockServer(new Backend(demoWorld(), { keys: DEV_VERIFY_KEYS }));
  let base = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  after(() => server.close());

  it('exchanges a token and serves records over HTTP', async () => {
    const token = await signLaunchToken(
      { iss: 'node-test', sub: 'k-nw-bob', kind: 'external', portal: 'p-northwind' },
      DEV_SIGNING_KEY,
    );
    const exchange = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(exchange.status, 200);
    const { session } = (await exchange.json()) as { session: { token: string } };
    const list = await fetch(`${base}/records/License?limit=500`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const body = (await list.json()) as { items: Record<string, unknown>[] };
    assert.equal(body.items.length, 18);
    assert.ok(
      body.items.every((item) => !('mrr' in item)),
      'R3: no hidden field over the wire',
    );
  });

  it('answers CORS preflights for local hosts only', async () => {
    const local = await fetch(`${base}/records/License`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    });
    assert.equal(local.status, 204);
    assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const remote = await fetch(`${base}/records/License`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(remote.headers.get('access-control-allow-origin'), null);
  });

  it('--world: loads a valid world file, and names path and reason for a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portalkit-world-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(demoWorldInput()));
    assert.equal(loadWorldFile(good).portals.length, 3);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...demoWorldInput(), portals: [{ id: 'p' }] }));
    assert.throws(() => loadWorldFile(bad), /portals\.0\.companyId/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ nope');
    assert.throws(() => loadWorldFile(broken), /broken\.json/);
  });
});
