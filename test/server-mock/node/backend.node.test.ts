// portalkit/backend as a vendor uses it: createBackend on a PGlite folder, the Node http adapter,
// upserts from the vendor's systems (validated whole, applied in one write), a world import, and
// data kept across a restart.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEV_VERIFY_KEYS } from '../../../server-mock/dev-keys.js';
import { createBackend, importWorld, nodeHandler, upsert } from '../../../server-mock/node/backend.js';
import { demoWorld, demoWorldInput } from '../../../server-mock/worlds/demo.js';
import { call, exchange, tokenFor } from '../../helpers/backend.js';

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
});
