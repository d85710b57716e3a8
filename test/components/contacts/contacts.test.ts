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

  it('an email a colleague uses is refused beside the email field; what was typed stays (R16)', async () => {
    const backend = await mockBackend();
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal page="pk-people"></pk-portal>`),
      'alice',
    );
    const contacts = () => deepQueryAll(shadow(portal), 'pk-contacts')[0];
    await until(() => !!contacts()?.shadowRoot?.querySelector('form'), 3000, 'form');
    const root = contacts()!.shadowRoot!;
    const name = root.querySelector<HTMLInputElement>('input[name="name"]')!;
    const email = root.querySelector<HTMLInputElement>('input[name="email"]')!;
    const usersBefore = JSON.stringify(backend.store.portals.get('p-northwind')!.users);
    name.value = 'Robert';
    email.value = 'bob@northwind.example';
    root.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    await until(() => email.getAttribute('aria-invalid') === 'true', 3000, 'email flagged');
    const said = root.querySelector(`#${email.getAttribute('aria-describedby')}`)!;
    expect(said.textContent).to.contain('already used by a portal user');
    expect(name.value).to.equal('Robert');
    expect(email.value).to.equal('bob@northwind.example');
    expect(root.activeElement).to.equal(email);
    // Nothing was stored and Bob is not locked out.
    expect(JSON.stringify(backend.store.portals.get('p-northwind')!.users)).to.equal(usersBefore);
    await expect(portal).to.be.accessible();
    // Typing clears the flag; a free address is added and takes the focus.
    email.value = 'robert@northwind.example';
    email.dispatchEvent(new Event('input'));
    const added = oneEvent(contacts()!, 'pk-contact-add');
    root.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    const { detail } = await added;
    await until(
      () => root.activeElement?.getAttribute('data-id') === detail.id,
      2000,
      'focus on the new contact',
    );
    expect(email.getAttribute('aria-invalid')).to.equal('false');
  });

  it('other users have no People page', async () => {
    await mockBackend();
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'bob');
    expect(navLabels(portal)).not.to.include('People');
  });
});
