// `npm start`'s backend middleware: a data folder whose parents do not exist is made, and a
// backend that could not start answers in the contract's shape and is tried again on the next
// request — never cached as failed, never a stack trace in the page (#21).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { demoMiddleware } from '../../server-mock/demo-middleware.js';
import { tokenFor } from '../helpers/backend.js';

const dir = mkdtempSync(join(tmpdir(), 'pk-demo-mw-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function serve(dataDir: string): Promise<{ server: Server; base: string }> {
  const middleware = demoMiddleware({ dataDir });
  const server = createServer((req, res) => {
    // No ?latency= on the page: the requests below set it to 0 through the Referer.
    req.headers.referer = 'http://127.0.0.1/?latency=0';
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const signIn = async (base: string) =>
  fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await tokenFor('alice') }),
  });

describe('demo middleware (npm start)', () => {
  it('makes a data folder whose parents do not exist', async () => {
    const { server, base } = await serve(join(dir, 'no', 'such', 'parents', 'demo'));
    try {
      assert.equal((await signIn(base)).status, 200);
    } finally {
      server.close();
    }
  });

  it('a backend that cannot start answers 503 in the contract shape, then starts once it can', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the data folder should be');
    const { server, base } = await serve(join(blocked, 'demo'));
    try {
      const failed = await signIn(base);
      assert.equal(failed.status, 503);
      const body = (await failed.json()) as any;
      assert.equal(body.error.code, 'unavailable');
      assert.doesNotMatch(JSON.stringify(body), /ENOTDIR|at .*\.ts/, 'no stack or system detail in the page');
      rmSync(blocked);
      assert.equal((await signIn(base)).status, 200, 'not cached as failed: the next request starts it');
    } finally {
      server.close();
    }
  });

  it("reads the brand colour a portal shows, as the vendor's backend would for the demo's picker (#23 item 6)", async () => {
    const { server, base } = await serve(join(dir, 'brand'));
    try {
      const before = (await (await fetch(`${base}/__demo/brand?portalId=p-northwind`)).json()) as any;
      assert.equal(before.primary, '#14532d');
      const set = await fetch(`${base}/__demo/brand`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ portalId: 'p-northwind', color: '#7c3aed' }),
      });
      assert.ok(set.ok, await set.text());
      const after = (await (await fetch(`${base}/__demo/brand?portalId=p-northwind`)).json()) as any;
      assert.equal(after.primary, '#7c3aed');
      assert.equal((await fetch(`${base}/__demo/brand?portalId=p-nowhere`)).status, 404);
    } finally {
      server.close();
    }
  });
});
