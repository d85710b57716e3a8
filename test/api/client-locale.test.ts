// The client sends the reader's language as Accept-Language, so the tenant's labels come in it
// (#25: labels per locale); without a locale it sends none and the default labels come.
import { expect } from '@open-wc/testing';
import { PortalApiClient } from '../../src/index.js';
import { pagesGet } from '../../src/contract/routes/pages.js';
import { tokenFor } from '../helpers/backend.js';
import { customModelWorld } from '../helpers/custom-world.js';
import { mockBackend } from '../helpers/portal.js';

describe('PortalApiClient: Accept-Language', () => {
  it('a client with a locale reads the columns’ labels in it; one without reads the defaults', async () => {
    const backend = await mockBackend();
    await backend.reset(customModelWorld());
    const labels = async (locale?: string) => {
      const sent: (string | null)[] = [];
      const client = new PortalApiClient({
        apiBase: '/api',
        ...(locale ? { locale: () => locale } : {}),
        fetch: (input, init) => {
          sent.push(new Headers(init?.headers).get('accept-language'));
          return fetch(input, init);
        },
      });
      await client.exchange(await tokenFor('alice'));
      const page = await client.call(pagesGet, { params: { pageId: 'pg-subs' } });
      client.dispose();
      return { sent, labels: page.columns!.slice(0, 4).map((c) => c.label) };
    };
    const german = await labels('de');
    expect(german.sent.every((value) => value === 'de')).to.equal(true);
    expect(german.labels).to.deep.equal(['Tarif', 'Einheiten', 'Price', 'Beginn']);
    const plain = await labels();
    expect(plain.sent.every((value) => value === null)).to.equal(true);
    expect(plain.labels).to.deep.equal(['Plan', 'Units', 'Price', 'Starts']);
  });
});
