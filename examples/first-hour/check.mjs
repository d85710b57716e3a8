// Not a README snippet: what CI does with the snippets above in an empty project that installed
// the packed portalkit (scripts/first-hour.mjs). Starts the backend, adds a contact as a portal
// user, mints launch tokens as the host would and signs in with them through the HTTP contract.
import { strict as assert } from 'node:assert';
import { mintPortalToken } from './mint-token.mjs';
import { backend, server } from './portal-backend.mjs';
import { onNewCustomerContact } from './sync.mjs';

await new Promise((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
const api = `http://127.0.0.1:${server.address().port}/api`;
const signIn = async (user) => {
  const response = await fetch(`${api}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await mintPortalToken(user) }),
  });
  return { status: response.status, body: await response.json() };
};

const ana = await signIn({ contactId: 'k-bb-ana', portalId: 'p-bluebird' });
assert.equal(ana.status, 200, JSON.stringify(ana.body));
assert.equal(ana.body.bootstrap.portal.name, 'Bluebird × YourCo');
const licenses = await fetch(`${api}/records/License?page=pg-licenses`, {
  headers: { authorization: `Bearer ${ana.body.session.token}` },
}).then((r) => r.json());
assert.deepEqual(
  licenses.items.map((r) => r.product),
  ['Fleet Tracker'],
  'only the shared license reaches Ana (R3)',
);

const carl = { id: 'k-bb-carl', companyId: 'c-bluebird', name: 'Carl Cruz', email: 'carl@bluebird.example' };
assert.equal(
  (await signIn({ contactId: carl.id, portalId: 'p-bluebird' })).status,
  403,
  'not a portal user yet',
);
await onNewCustomerContact(backend, carl);
const signedIn = await signIn({ contactId: carl.id, portalId: 'p-bluebird' });
assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
assert.equal(signedIn.body.bootstrap.user.name, 'Carl Cruz');
await assert.rejects(
  onNewCustomerContact(backend, { ...carl, id: 'k-bb-carl-2' }),
  /would be active users with the same email/,
  'R16 refused before it takes effect',
);

console.log('first hour: the README backend, token minting and upsert work from the packed package');
server.close();
await backend.storage.close();
