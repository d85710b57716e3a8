import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/pk-portal.js';
import type { PkPortal } from '../../../src/index.js';

describe('<pk-portal>', () => {
  it('without a token shows an accessible waiting state', async () => {
    const el = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    const status = el.shadowRoot!.querySelector('[part="status"]');
    expect(status?.textContent).to.contain('waiting for a sign-in token');
    await expect(el).to.be.accessible();
  });

  it('never reflects the token into an attribute', async () => {
    const el = await fixture<PkPortal>(html`<pk-portal .token=${'secret.jwt.value'}></pk-portal>`);
    expect(el.outerHTML).not.to.contain('secret.jwt.value');
    expect(el.getAttributeNames()).not.to.include('token');
  });
});
