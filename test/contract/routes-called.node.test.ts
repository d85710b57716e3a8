// Served ⇔ documented ⇔ called: the backend serves exactly the route table (openapi.test.ts), the
// SDK can only call what the table holds (api.call takes a route of it: a typo does not compile),
// and here — every route the table documents is called by the SDK, but for the few that exist for
// other clients, each named with why.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as routes from '../../src/contract/routes.js';

/** Routes no part of the SDK calls, and who does. */
const FOR_OTHER_CLIENTS: Record<string, string> = {
  'records.get':
    'one record by id, for a vendor’s own client or a deep link; the table reads pages of records',
  'contacts.update': 'vendor staff edit contacts from their own systems (R16 automation then applies)',
  'manage.models': 'the vendor’s admin tooling reads the tenant’s models (#25; no SDK editor yet)',
  'manage.models.save':
    'Portal Super Admins change the tenant’s models from the vendor’s admin tooling or a script (#25; no SDK editor yet)',
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'contract' || entry.name === 'locales'
        ? []
        : sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

describe('the route table and the SDK', () => {
  const byName = new Map(
    routes.ROUTE_LIST.map((route) => [
      Object.entries(routes).find(([, value]) => value === route)![0],
      route.key,
    ]),
  );
  const text = sources('src')
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  // A call names the route's constant: api.call(recordsList, …), client.upload(filesUpload, …),
  // or its method and path for the session's own requests (client.ts).
  const called = new Set<string>(
    [...byName].filter(([name]) => new RegExp(`\\b${name}\\b`).test(text)).map(([, key]) => key),
  );

  it('every documented route is called by the SDK, or named here with who calls it', () => {
    const uncalled = routes.ROUTE_LIST.map((r) => r.key).filter((key) => !called.has(key));
    assert.deepEqual(uncalled.sort(), Object.keys(FOR_OTHER_CLIENTS).sort());
  });

  it('no route is listed as called by others while the SDK calls it', () => {
    for (const key of Object.keys(FOR_OTHER_CLIENTS)) assert.ok(!called.has(key), key);
  });
});
