// portalkit/backend as a vendor uses it: createBackend on a PGlite folder, the Node http adapter,
// upserts from the vendor's systems (validated whole, applied in one write), a world import, and
// data kept across a restart.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEV_HS256_KEY, DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../server-mock/dev-keys.js';
import { signLaunchToken } from '../../src/server/index.js';
import { createBackend, importWorld, nodeHandler, upsert } from '../../backend/src/index.js';
import { demoWorld, demoWorldInput } from '../../server-mock/demo-world.js';
import { call, exchange, tokenFor } from '../helpers/backend.js';

describe('portalkit/backend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pk-backend-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('createBackend on a PGlite folder answers over Node http, and keeps its data across a restart', async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: { dir }, world: demoWorld() });
    const server = createServer(nodeHandler(backend)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const opened = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await tokenFor('alice') }),
    });
    assert.equal(opened.status, 200);
    const token = ((await opened.json()) as any).session.token;
    const saved = await fetch(`${base}/documents/pg-welcome`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: '<p>kept</p>', baseVersion: 1 }),
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    server.close();
    await backend.storage.close();

    const again = await createBackend({ keys: DEV_VERIFY_KEYS, storage: { dir }, world: demoWorld() });
    // The world passed is only for an empty database: the saved document is still version 2.
    const doc = await call(again, 'GET', '/documents/pg-welcome', { token });
    assert.equal(doc.status, 200, 'the session survives the restart too');
    assert.equal(doc.body.version, 2);
    assert.equal(doc.body.body, '<p>kept</p>');
    await again.storage.close();
  });

  it('upserts companies, contacts and shared records in one write; invalid input is refused whole', async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: 'memory', world: demoWorld() });
    const before = JSON.stringify(backend.store.world);
    await assert.rejects(
      upsert(backend.storage, { contacts: [{ id: 'k-new', name: 'No company' }] }),
      /contacts\.0\.companyId/,
    );
    assert.equal(JSON.stringify(backend.store.world), before);
    const result = await upsert(backend.storage, {
      contacts: [
        { id: 'k-nw-bob', companyId: 'c-northwind', name: 'Bob Renamed', email: 'bob@northwind.example' },
      ],
      records: {
        License: [
          {
            id: 'lic-from-crm',
            companyId: 'c-northwind',
            portalIds: ['p-northwind'],
            fields: { product: 'From the CRM', seats: 3, renewal: '2027-03-01' },
          },
        ],
      },
    });
    assert.deepEqual(result, { added: 1, updated: 1 });
    const alice = (await exchange(backend, await tokenFor('alice'))).body as any;
    const record = await call(backend, 'GET', '/records/License/lic-from-crm', {
      token: alice.session.token,
    });
    assert.equal(record.body.product, 'From the CRM');
    assert.equal(backend.store.contacts.get('k-nw-bob')!.name, 'Bob Renamed');
  });

  it('importWorld validates a world file and replaces the data', async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: 'memory', world: demoWorld() });
    await assert.rejects(importWorld(backend.storage, { tenant: {} }), /Invalid world/);
    const input = demoWorldInput();
    input.portals[0]!.name = 'Imported';
    await importWorld(backend.storage, input);
    assert.equal(backend.store.world.portals[0]!.name, 'Imported');
  });

  it('importWorld names the path and the problem of each mistake, references included (#21)', async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: 'memory', world: demoWorld() });
    const input = demoWorldInput();
    (input.portals[0] as any).name = 3;
    await assert.rejects(importWorld(backend.storage, input), /portals\.0\.name: expected string, got 3/);
    const dangling = demoWorldInput();
    dangling.portals[0]!.companyId = 'c-nowhere';
    (dangling.portals[1]!.users as any[]).push({ contactId: 'k-nobody', roleId: 'xr-collab' });
    await assert.rejects(importWorld(backend.storage, dangling), (error: Error) => {
      assert.match(error.message, /portals\.0\.companyId: no company with id "c-nowhere"/);
      assert.match(error.message, /portals\.1\.users\.\d+\.contactId: no contact with id "k-nobody"/);
      assert.doesNotMatch(error.message, /Invalid input/);
      return true;
    });
    const sample = JSON.parse(
      readFileSync(new URL('../../examples/world/world.json', import.meta.url), 'utf8'),
    );
    await importWorld(backend.storage, sample);
    assert.equal(backend.store.world.tenant.name, 'YourCo', 'the sample world of the README imports');
  });

  it('upsert creates a portal with its sections, pages and users; a customer signs in to it (#21)', async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: 'memory', world: demoWorld() });
    const result = await upsert(backend.storage, {
      companies: [{ id: 'c-new', name: 'Newco', phase: 'Onboarding', tier: 'SMB', region: 'EMEA' }],
      contacts: [{ id: 'k-new-nia', companyId: 'c-new', name: 'Nia New', email: 'nia@newco.example' }],
      sections: [{ id: 's-new', title: 'Start here' }],
      pages: [
        {
          id: 'pg-new-licenses',
          sectionId: 's-new',
          title: 'Your licenses',
          type: 'table',
          model: 'License',
        },
      ],
      portals: [
        {
          id: 'p-new',
          name: 'Newco portal',
          companyId: 'c-new',
          templateId: 'tpl-ocean',
          sectionShares: { 's-new': 'view' },
        },
      ],
      portalUsers: [{ portalId: 'p-new', contactId: 'k-new-nia', roleId: 'xr-collab' }],
      records: {
        License: [
          {
            id: 'lic-new',
            companyId: 'c-new',
            portalIds: ['p-new'],
            fields: { product: 'Starter', seats: 1 },
          },
        ],
      },
    });
    assert.deepEqual(result, { added: 6, updated: 0 });
    const token = await signLaunchToken(
      { iss: 'crm', sub: 'k-new-nia', kind: 'external', portal: 'p-new' },
      DEV_HS256_KEY,
    );
    const opened = await exchange(backend, token);
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    const session = (opened.body as any).session.token;
    assert.deepEqual(
      (opened.body as any).bootstrap.navigation.map((s: any) => [s.title, s.pages.map((p: any) => p.title)]),
      [['Start here', ['Your licenses']]],
    );
    const list = await call(backend, 'GET', '/records/License?page=pg-new-licenses', { token: session });
    assert.deepEqual(
      list.body.items.map((r: any) => r.product),
      ['Starter'],
    );
    // A portal sent again without users keeps them; a user sent again is changed in place.
    await upsert(backend.storage, {
      portals: [{ id: 'p-new', name: 'Newco hub', companyId: 'c-new', templateId: 'tpl-ocean' }],
      portalUsers: [{ portalId: 'p-new', contactId: 'k-new-nia', roleId: 'xr-viewer', admin: true }],
    });
    const portal = backend.store.portals.get('p-new')!;
    assert.equal(portal.name, 'Newco hub');
    assert.deepEqual(
      portal.users.map((u) => [u.contactId, u.roleId, u.admin]),
      [['k-new-nia', 'xr-viewer', true]],
    );
  });

  it("upsert refuses whole, naming each problem: unknown ids, another company's contact, an email clash (R16)", async () => {
    const backend = await createBackend({ keys: DEV_VERIFY_KEYS, storage: 'memory', world: demoWorld() });
    const before = JSON.stringify(backend.store.world);
    await assert.rejects(
      upsert(backend.storage, {
        portals: [{ id: 'p-x', name: 'X', companyId: 'c-missing', templateId: 'tpl-ocean' }],
        portalUsers: [
          { portalId: 'p-northwind', contactId: 'k-gx-grace', roleId: 'xr-collab' },
          { portalId: 'p-northwind', contactId: 'k-nw-bob', roleId: 'xr-missing' },
        ],
      }),
      (error: Error) => {
        assert.match(error.message, /portals\.0\.companyId: no company with id "c-missing"/);
        assert.match(
          error.message,
          /portalUsers\.0\.contactId: contact k-gx-grace is not of portal p-northwind's company/,
        );
        assert.match(error.message, /portalUsers\.1\.roleId: no external role with id "xr-missing"/);
        return true;
      },
    );
    // A second active user with Alice's email would lock both out (R16): refused before it applies.
    await assert.rejects(
      upsert(backend.storage, {
        contacts: [
          { id: 'k-nw-twin', companyId: 'c-northwind', name: 'Twin', email: ' ALICE@northwind.example ' },
        ],
        portalUsers: [{ portalId: 'p-northwind', contactId: 'k-nw-twin', roleId: 'xr-viewer' }],
      }),
      /same email: sign-in would be refused for both \(R16\)/,
    );
    await assert.rejects(upsert(backend.storage, { portal: [] }), /\(root\): unknown key portal/);
    assert.equal(JSON.stringify(backend.store.world), before, 'nothing applied');
  });

  it('createBackend checks its keys first, naming the expected shape (#21)', async () => {
    const { x, y, kid, alg } = DEV_VERIFY_KEYS[0]!;
    const publicJwk = { kty: 'EC', crv: 'P-256', x, y };
    await assert.rejects(
      createBackend({ keys: [{ kid, alg, publicJwk }] as never, storage: 'memory', world: demoWorld() }),
      /keys\[0\] nests the JWK under publicJwk: spread it instead, \{ \.\.\.publicJwk, kid, alg \}.*Expected \{ kty: 'EC'/,
    );
    await assert.rejects(
      createBackend({ keys: [DEV_SIGNING_KEY], storage: 'memory', world: demoWorld() }),
      /holds a private key \(d\)/,
    );
    await assert.rejects(createBackend({ keys: [], storage: 'memory', world: demoWorld() }), /non-empty/);
    await assert.rejects(
      createBackend({
        keys: [{ ...publicJwk, kid, alg: 'RS256' }] as never,
        storage: 'memory',
        world: demoWorld(),
      }),
      /only ES256 and HS256/,
    );
    // What README shows works, as an array or as the JWKS keygen writes.
    const backend = await createBackend({
      keys: { keys: [{ ...publicJwk, kid, alg } as never] },
      storage: 'memory',
      world: demoWorld(),
    });
    assert.equal((await exchange(backend, await tokenFor('alice'))).status, 200);
  });

  it('a PGlite folder whose parents do not exist is made (#21)', async () => {
    const nested = join(dir, 'a', 'b', 'c');
    const backend = await createBackend({
      keys: DEV_VERIFY_KEYS,
      storage: { dir: nested },
      world: demoWorld(),
    });
    assert.equal((await exchange(backend, await tokenFor('alice'))).status, 200);
    await backend.storage.close();
  });
});
