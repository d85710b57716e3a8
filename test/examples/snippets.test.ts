// README's browser snippets, run as README shows them (scripts/readme.mjs keeps README and these
// files identical): the appearance API and a composed layout.
import { expect, fixture, html } from '@open-wc/testing';
import type { PkPortal } from '../../src/index.js';
import { ready } from '../../src/portalkit.js';
import { tokenFor } from '../helpers/backend.js';
import { mockBackend, until } from '../helpers/portal.js';

describe('README snippets in the browser', () => {
  before(() => ready);
  beforeEach(() => mockBackend());

  it('appearance.ts: a dark appearance with its own surface, font, radius and spacing', async () => {
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    // Run for its effect on the page's <pk-portal>, as the host page would (served as TypeScript;
    // `portalkit` resolves to this repository's entry, as in the examples).
    const snippet = '/examples/snippets/appearance.ts';
    await import(snippet);
    await portal.updateComplete;
    const base = getComputedStyle(portal.shadowRoot!.querySelector('[part="base"]')!);
    expect(base.backgroundColor).to.equal('rgb(16, 24, 32)');
    expect(base.fontFamily).to.contain('Inter');
    expect(base.borderTopLeftRadius).to.equal('6px');
  });

  it('composition.html: the host lays out the parts; the portal provides the session to them', async () => {
    const markup = await (await fetch('/examples/snippets/composition.html')).text();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = markup;
    const portal = host.querySelector('pk-portal')!;
    portal.token = await tokenFor('alice');
    const part = host.querySelector('pk-page')!;
    await until(() => (part.shadowRoot?.textContent ?? '').includes('Licenses'), 8000, 'the licenses page');
    expect(host.querySelector('h2')!.textContent).to.equal('Your licenses');
    expect(portal.shadowRoot!.querySelector('nav'), 'no default layout').to.equal(null);
  });
});
