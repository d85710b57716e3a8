// npm run mock: the same backend over real HTTP, CORS for a local demo host, world files validated.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../server-mock/dev-keys.js';
import { Backend } from '../../backend/src/http/backend.js';
import { MemoryStorage } from '../../backend/src/storage/memory/storage.js';
import { nodeHandler } from '../../backend/src/adapters/node.js';
import { loadWorldFile } from '../../backend/src/index.js';
import { localCors } from '../../server-mock/dev-server.js';
import { demoWorld, demoWorldInput } from '../../server-mock/demo-world.js';
import { signLaunchToken } from '../../src/server/index.js';

/**
 * Streams `total` bytes to the server in 64 KB chunks, without a Content-Length, until it
 * answers; returns the status and how much was sent before the answer came.
 */
function streamBody(url: string, headers: Record<string, string>, total: number) {
  return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, sent, body }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('standalone mock server', () => {
  const server = createServer(
    localCors(nodeHandler(new Backend({ storage: new MemoryStorage(demoWorld()), keys: DEV_VERIFY_KEYS }))),
  );
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

  it('refuses oversized bodies while they stream, before reading them whole (413)', async () => {
    const rssBefore = process.memoryUsage().rss;
    // Unauthenticated: a 20 MB session request is cut off at the 16 KB limit.
    const session = await streamBody(`${base}/session`, { 'content-type': 'application/json' }, 20e6);
    assert.equal(session.status, 413);
    assert.equal(JSON.parse(session.body).error.code, 'payload_too_large');
    assert.ok(session.sent < 20e6, `stopped early (${session.sent} bytes sent)`);
    // A declared Content-Length over the limit is refused before a byte is read.
    const declared = await streamBody(
      `${base}/session`,
      { 'content-type': 'application/json', 'content-length': String(100 * 64 * 1024) },
      100 * 64 * 1024,
    );
    assert.equal(declared.status, 413);

    // A 300 MB upload against a 10 MB portal limit: refused once 10 MB have arrived.
    const token = await signLaunchToken(
      { iss: 'node-test', sub: 'k-nw-alice', kind: 'external', portal: 'p-northwind' },
      DEV_SIGNING_KEY,
    );
    const { session: s } = (await (
      await fetch(`${base}/session`, { method: 'POST', body: JSON.stringify({ token }) })
    ).json()) as { session: { token: string } };
    const upload = await streamBody(
      `${base}/files?page=pg-files&name=big.pdf`,
      { authorization: `Bearer ${s.token}`, 'content-type': 'application/pdf' },
      300e6,
    );
    assert.equal(upload.status, 413);
    assert.equal(JSON.parse(upload.body).error.code, 'file_too_large');
    assert.ok(upload.sent < 100e6, `stopped early (${(upload.sent / 1e6).toFixed(1)} MB sent of 300)`);
    const grown = (process.memoryUsage().rss - rssBefore) / 1e6;
    console.log(
      `body limits: upload cut after ${(upload.sent / 1e6).toFixed(1)} MB; rss grew ${grown.toFixed(1)} MB`,
    );
    assert.ok(grown < 150, `memory stays bounded (grew ${grown.toFixed(1)} MB)`);
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
