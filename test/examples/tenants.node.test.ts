// README "Tenants": the example server (examples/tenants/server.ts) fronts two tenants on one
// PGlite folder; a launch token opens a session of the tenant whose key signed it, over HTTP.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { DEV_HS256_KEY, DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../server-mock/dev-keys.js';
import { demoWorld } from '../../server-mock/demo-world.js';
import { signLaunchToken } from '../../src/server/index.js';
import { claimsFor } from '../helpers/backend.js';
import { serveTenants } from '../../examples/tenants/server.js';

const folder = mkdtempSync(join(tmpdir(), 'pk-tenants-'));
const cwd = process.cwd();
after(() => {
  process.chdir(cwd);
  rmSync(folder, { recursive: true, force: true });
});

it('the README example serves two tenants from one database, each session opened by its own key', async () => {
  // The example's PGlite folder, here in a folder of the test's own (never the server's schema).
  process.chdir(folder);
  delete process.env.DATABASE_URL;
  const { tenants, server } = await serveTenants(
    { keys: [DEV_VERIFY_KEYS[0]!], world: demoWorld() },
    { keys: [DEV_VERIFY_KEYS[1]!], world: demoWorld() },
    0,
  );
  try {
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const open = async (key: typeof DEV_SIGNING_KEY) => {
      const response = await fetch(`${base}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: await signLaunchToken(claimsFor('alice'), key) }),
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { session: { token: string } }).session.token;
    };
    assert.match(await open(DEV_SIGNING_KEY), /^acme\./);
    const globex = await open(DEV_HS256_KEY);
    assert.match(globex, /^globex\./);
    const bootstrap = await fetch(`${base}/bootstrap`, { headers: { authorization: `Bearer ${globex}` } });
    assert.equal(bootstrap.status, 200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await tenants.close();
  }
});
