// <pk-contacts> (R16): an Admin external user sees their company's contacts and adds new ones.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/portalkit.js';
import type { PkPortal } from '../../../src/index.js';
import { deepQueryAll, mockBackend, navLabels, shadow, signInPortal, until } from '../../helpers/portal.js';

describe('<pk-contacts>', () => {
  it('an Admin reaches People from the navigation, sees the company contacts and adds one', async () => {
    const backend = await mockBackend();
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal page="pk-people"></pk-portal>`),
      'alice',
    );
    expect(navLabels(portal)).to.include('People');
    const contacts = () => deepQueryAll(shadow(portal), 'pk-contacts')[0];
    await until(() => !!contacts()?.shadowRoot?.querySelector('[part="contact"]'), 3000, 'contacts');
    const root = contacts()!.shadowRoot!;
    expect([...root.querySelectorAll('[part="contact"]')].map((c) => c.textContent)).to.satisfy(
      (rows: string[]) => rows.some((r) => r.includes('Bob Brennan')),
    );
    const name = root.querySelector<HTMLInputElement>('input[name="name"]')!;
    const email = root.querySelector<HTMLInputElement>('input[name="email"]')!;
    const form = root.querySelector('form')!;
    name.value = 'Nia Novak';
    email.value = 'not-an-email';
    form.requestSubmit = form.requestSubmit.bind(form);
    form.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    await (contacts() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('valid email');
    expect(name.value).to.equal('Nia Novak');
    email.value = 'nia@northwind.example';
    const added = oneEvent(contacts()!, 'pk-contact-add');
    form.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    const { detail } = await added;
    expect(backend.store.contacts.get(detail.id)!.companyId).to.equal('c-northwind');
    // The demo's automation rule (email not empty, first time) made the new contact a portal user.
    expect(
      backend.store.portals.get('p-northwind')!.users.find((u) => u.contactId === detail.id),
    ).to.deep.include({ roleId: 'xr-viewer', active: true });
    await until(
      () => [...root.querySelectorAll('[part="contact"]')].some((c) => c.textContent!.includes('Nia Novak')),
      2000,
      'listed',
    );
    await expect(portal).to.be.accessible();
  });

  it('other users have no People page', async () => {
    await mockBackend();
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'bob');
    expect(navLabels(portal)).not.to.include('People');
  });
});
