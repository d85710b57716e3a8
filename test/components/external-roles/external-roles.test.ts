// <pk-external-roles> (R21): the roles matrix — Portal Super Admins create, clone, edit and
// remove roles; other staff read; a role in use is not removed; changes reach open sessions.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/portalkit.js';
import type { PkExternalRoles, PkPortal } from '../../../src/index.js';
import type { PersonaName } from '../../../server-mock/demo-world.js';
import { deepQueryAll, mockBackend, shadow, signInPortal, until } from '../../helpers/portal.js';

async function roles(persona: PersonaName) {
  const backend = await mockBackend();
  const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), persona);
  [...shadow(portal).querySelectorAll<HTMLButtonElement>('nav button')]
    .find((b) => b.textContent!.trim() === 'External roles')!
    .click();
  const part = () => deepQueryAll<PkExternalRoles>(shadow(portal), 'pk-external-roles')[0]!;
  await until(() => !!part()?.shadowRoot?.querySelector('table'), 4000, 'roles');
  return { backend, part, root: () => part().shadowRoot! };
}

const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim().startsWith(text));

describe('<pk-external-roles>', () => {
  it('a Portal Super Admin changes a field grant; the role is saved and in use it cannot be removed', async () => {
    const { backend, root, part } = await roles('ava');
    const select = root().querySelector<HTMLSelectElement>('select')!;
    select.value = 'xr-viewer';
    select.dispatchEvent(new Event('change'));
    await part().updateComplete;
    expect(root().textContent).to.match(/Held by \d+ portal users/);
    expect(button(root(), 'Remove role…')!.disabled).to.equal(true);
    button(root(), '▸ License')!.click();
    await part().updateComplete;
    const mrr = root().querySelector<HTMLInputElement>('input[aria-label="MRR: View"]')!;
    expect(mrr.checked).to.equal(false);
    mrr.click();
    await part().updateComplete;
    const changed = oneEvent(part(), 'pk-role-change');
    button(root(), 'Save role')!.click();
    expect((await changed).detail).to.deep.equal({ id: 'xr-viewer', action: 'update' });
    expect(backend.store.externalRoles.get('xr-viewer')!.models.License!.fields.mrr!.view).to.equal(true);
    await expect(part()).to.be.accessible();
  });

  it('creates and clones roles, and removes one nobody holds', async () => {
    const { backend, root, part } = await roles('ava');
    const name = root().querySelector<HTMLInputElement>('form input')!;
    name.value = 'Auditor';
    name.dispatchEvent(new Event('input'));
    await part().updateComplete;
    button(root(), 'Create')!.click();
    await until(() => backend.store.world.externalRoles.some((r) => r.name === 'Auditor'), 3000, 'created');
    await until(
      () =>
        (root().querySelector('select') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Auditor',
      3000,
      'selected',
    );
    expect(root().textContent).to.contain('Held by 0 portal users');
    button(root(), 'Remove role…')!.click();
    const dialog = root().querySelector('pk-confirm.remove')!.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 2000, 'confirm');
    button(dialog, 'Remove')!.click();
    await until(() => !backend.store.world.externalRoles.some((r) => r.name === 'Auditor'), 3000, 'removed');
  });

  it('other staff read the roles without any control to change them', async () => {
    const { root } = await roles('olivia');
    expect(root().textContent).to.contain('Only Portal Super Admins change external roles');
    expect(
      [...root().querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].every((b) => b.disabled),
    ).to.equal(true);
    expect(button(root(), 'Save role')).to.equal(undefined);
  });

  it('is clean for axe in a 375 px container, a model opened', async () => {
    await mockBackend();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 375px"><pk-portal page="pk-roles"></pk-portal></div>`,
    );
    const portal = await signInPortal(wrapper.querySelector('pk-portal')!, 'ava');
    const part = () => deepQueryAll<PkExternalRoles>(shadow(portal), 'pk-external-roles')[0]!;
    await until(() => !!part()?.shadowRoot?.querySelector('table'), 4000, 'roles');
    button(part().shadowRoot!, '▸ License')!.click();
    await part().updateComplete;
    await expect(part()).to.be.accessible();
  });
});
