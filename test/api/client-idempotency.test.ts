// The client sends an Idempotency-Key with every POST, and the same key when it sends the call
// again after renewing the session: the backend then never writes twice for one click (#25 item 3).
import { expect } from '@open-wc/testing';
import { PortalApiClient } from '../../src/index.js';
import { recordsCreate, recordsList } from '../../src/contract/routes/records.js';
import { tokenFor } from '../helpers/backend.js';
import { mockBackend } from '../helpers/portal.js';

describe('PortalApiClient: Idempotency-Key', () => {
  it('every POST has a key of its own; a retry after renewal sends the same one', async () => {
    const backend = await mockBackend();
    const sent: { method: string; key: string | null }[] = [];
    const client = new PortalApiClient({
      apiBase: '/api',
      fetchToken: () => tokenFor('alice'),
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        sent.push({ method: init?.method ?? 'GET', key: headers.get('idempotency-key') });
        return fetch(input, init);
      },
    });
    await client.exchange(await tokenFor('alice'));
    const create = (product: string) =>
      client.call(recordsCreate, {
        params: { model: 'License' },
        query: { page: 'pg-licenses' },
        body: { fields: { product, seats: 1 } },
      });
    await create('Once');
    await backend.expireSessions();
    sent.length = 0;
    await create('After renewal');
    const posts = sent.filter((s) => s.method === 'POST' && s.key !== null);
    // The first attempt (refused: session expired) and its retry after the exchange.
    expect(posts).to.have.length(2);
    expect(posts[0]!.key).to.equal(posts[1]!.key);
    const listed = await client.call(recordsList, {
      params: { model: 'License' },
      query: { q: 'After renewal' },
    });
    expect(listed.items).to.have.length(1);
    const keys = new Set(sent.filter((s) => s.key).map((s) => s.key));
    await create('Another');
    const last = sent.at(-1)!;
    expect(keys.has(last.key)).to.equal(false);
    client.dispose();
  });

  it('an answer lost on the way back: sent again once with its key, written once, answered', async () => {
    await mockBackend();
    let lose = true;
    const client = new PortalApiClient({
      apiBase: '/api',
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        // The server wrote and answered; the answer never arrives.
        if (lose && init?.method === 'POST' && new Headers(init.headers).has('idempotency-key')) {
          lose = false;
          throw new TypeError('Failed to fetch');
        }
        return response;
      },
    });
    await client.exchange(await tokenFor('alice'));
    const created = await client.call(recordsCreate, {
      params: { model: 'License' },
      query: { page: 'pg-licenses' },
      body: { fields: { product: 'Lost answer', seats: 1 } },
    });
    const listed = await client.call(recordsList, {
      params: { model: 'License' },
      query: { q: 'Lost answer' },
    });
    expect(listed.items.map((r) => r.id)).to.deep.equal([created.id]);
    client.dispose();
  });
});
