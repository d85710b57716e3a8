// <pk-document> (R8, R12): sanitised view, editing with edit access, saving on the base version,
// a newer version is never silently overwritten, drafts survive failures, read-only cases.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-document.js';
import '../../../src/elements/pk-portal.js';
import '../../../src/elements/pk-page.js';
import type { PkDocument, PkPortal } from '../../../src/index.js';
import type { PersonaName } from '../../../server-mock/demo-world.js';
import { deepQueryAll, mockBackend, signInPortal, until } from '../../helpers/portal.js';
import { contrastRatio } from '../../../src/shared/contrast.js';
import { hex } from '../../helpers/colors.js';

async function documentPart(persona: PersonaName, page = 'pg-welcome') {
  const backend = await mockBackend();
  const portal = await fixture<PkPortal>(
    html`<pk-portal><pk-document page=${page}></pk-document></pk-portal>`,
  );
  await signInPortal(portal, persona);
  const el = portal.querySelector<PkDocument>('pk-document')!;
  const root = el.shadowRoot!;
  await until(() => (root.querySelector('.prose')?.textContent ?? '').includes('Welcome'), 3000, 'document');
  return { backend, el, root };
}

const button = (root: ShadowRoot | Element, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);

async function typeInEditor(el: PkDocument, root: ShadowRoot, text: string) {
  button(root, 'Edit')!.click();
  await el.updateComplete;
  await until(() => root.activeElement?.classList.contains('editor') ?? false, 2000, 'editor focused');
  await sendKeys({ press: 'End' });
  await sendKeys({ type: text });
}

describe('<pk-document>', () => {
  beforeEach(() => sessionStorage.clear());

  it('the editor has an edge of at least 3:1 on its background (WCAG 1.4.11)', async () => {
    const { el, root } = await documentPart('alice');
    button(root, 'Edit')!.click();
    await el.updateComplete;
    await until(() => root.activeElement?.classList.contains('editor') ?? false, 2000, 'editor focused');
    const style = getComputedStyle(root.querySelector('.editor')!);
    const ratio = contrastRatio(hex(style.borderTopColor), hex(style.backgroundColor));
    expect(ratio, `${style.borderTopColor} on ${style.backgroundColor}`).to.be.at.least(3);
    button(root, 'Cancel')?.click();
  });

  it('edit access: edits in place and saves on top of its version', async () => {
    const { backend, el, root } = await documentPart('alice');
    await typeInEditor(el, root, ' Added by Alice.');
    const saved = oneEvent(el, 'pk-document-save');
    button(root, 'Save')!.click();
    expect((await saved).detail).to.deep.equal({ pageId: 'pg-welcome', version: 2 });
    expect(backend.store.documents.get('doc-welcome')!.body).to.contain('Added by Alice.');
    await until(() => root.querySelector('.meta')!.textContent!.includes('Version 2'), 2000, 'version 2');
    await expect(el).to.be.accessible();
  });

  it('a newer version saved meanwhile is shown, never silently overwritten; the draft is kept', async () => {
    const { backend, el, root } = await documentPart('alice');
    await typeInEditor(el, root, ' Mine.');
    const doc = backend.store.documents.get('doc-welcome')!;
    Object.assign(doc, { body: '<p>Theirs.</p>', version: 2, updatedBy: 'Olivia Ortiz' });
    button(root, 'Save')!.click();
    await until(() => !!root.querySelector('.conflict'), 2000, 'conflict');
    expect(root.querySelector('.conflict')!.textContent).to.contain('Olivia Ortiz saved a newer version');
    expect(doc.body).to.equal('<p>Theirs.</p>');
    expect(root.querySelector('.editor')!.textContent).to.contain('Mine.');
    button(root, 'Save mine over theirs')!.click();
    await until(() => doc.version === 3, 2000, 'explicit overwrite');
    expect(doc.body).to.contain('Mine.');
  });

  it('view access, another role and impersonation get no Edit control (R8, R12)', async () => {
    for (const persona of ['oliviaAsBob', 'grace'] as const) {
      const { root } = await documentPart(persona);
      expect(button(root, 'Edit'), persona).to.equal(undefined);
    }
  });

  it('content is sanitised: no script from the document runs', async () => {
    const backend = await mockBackend();
    Object.assign(backend.store.documents.get('doc-welcome')!, {
      body: '<p>Welcome</p><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
    });
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-document page="pg-welcome"></pk-document></pk-portal>`,
    );
    await signInPortal(portal, 'alice');
    const root = portal.querySelector('pk-document')!.shadowRoot!;
    await until(
      () => (root.querySelector('.prose')?.textContent ?? '').includes('Welcome'),
      3000,
      'document',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(root.querySelector('script')).to.equal(null);
    expect(root.querySelector('img')?.hasAttribute('onerror') ?? false).to.equal(false);
  });

  it('a network failure keeps the draft and says so', async () => {
    const { el, root } = await documentPart('alice');
    await typeInEditor(el, root, ' Unsent.');
    const original = window.fetch;
    window.fetch = (input, init) =>
      init?.method === 'PUT' ? Promise.reject(new TypeError('offline')) : original(input, init);
    try {
      button(root, 'Save')!.click();
      await until(() => !!root.querySelector('.error'), 2000, 'error');
      expect(root.querySelector('.error')!.textContent).to.contain('Your text is kept');
      expect(root.querySelector('.editor')!.textContent).to.contain('Unsent.');
    } finally {
      window.fetch = original;
    }
  });
});

describe('<pk-document> loading', () => {
  it('a page that could not be loaded says why, tells the host page, and loads on Try again', async () => {
    await mockBackend();
    const original = window.fetch;
    let failing = true;
    window.fetch = (input, init) =>
      failing && String(input instanceof Request ? input.url : input).includes('/pages/pg-welcome')
        ? Promise.reject(new TypeError('offline'))
        : original(input, init);
    try {
      const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
      await signInPortal(portal, 'alice');
      const el = document.createElement('pk-document') as PkDocument;
      el.page = 'pg-welcome';
      const reported = oneEvent(el, 'pk-error');
      portal.append(el);
      expect((await reported).detail.code).to.equal('network');
      const root = el.shadowRoot!;
      await until(() => !!root.querySelector('.error'), 3000, 'error');
      failing = false;
      button(root, 'Try again')!.click();
      await until(
        () => (root.querySelector('.prose')?.textContent ?? '').includes('Welcome'),
        3000,
        'loaded',
      );
      expect(root.querySelector('.error')).to.equal(null);
    } finally {
      window.fetch = original;
    }
  });
});

describe('<pk-document> keeps unsaved text (#12 item 6)', () => {
  beforeEach(() => sessionStorage.clear());

  it('a draft survives a reload: offered back, restored, saved on the version it started from; focus returns to Edit', async () => {
    const first = await documentPart('alice');
    await typeInEditor(first.el, first.root, ' Typed before the reload.');
    // The tab reloads: a new portal, a new session for the same person.
    first.el.closest('pk-portal')!.remove();
    const { backend, el, root } = await documentPart('alice');
    const offer = root.querySelector('.draft')!;
    expect(offer.textContent).to.contain('You have unsaved changes');
    button(root, 'Restore my changes')!.click();
    await until(() => root.activeElement?.classList.contains('editor') ?? false, 2000, 'editor focused');
    expect(root.querySelector('.editor')!.textContent).to.contain('Typed before the reload.');
    const saved = oneEvent(el, 'pk-document-save');
    button(root, 'Save')!.click();
    expect((await saved).detail.version).to.equal(2);
    expect(backend.store.documents.get('doc-welcome')!.body).to.contain('Typed before the reload.');
    await until(() => root.activeElement === button(root, 'Edit'), 2000, 'focus on Edit');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('portalkit:draft:'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a draft is per person: Bob does not see Alice’s; Discard forgets it', async () => {
    const alice = await documentPart('alice');
    await typeInEditor(alice.el, alice.root, ' Alice only.');
    alice.el.closest('pk-portal')!.remove();
    const olivia = await documentPart('olivia');
    expect(olivia.root.querySelector('.draft')).to.equal(null);
    olivia.el.closest('pk-portal')!.remove();
    const again = await documentPart('alice');
    button(again.root, 'Discard them')!.click();
    await again.el.updateComplete;
    expect(again.root.querySelector('.draft')).to.equal(null);
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('portalkit:draft:'))).to.deep.equal([]);
  });

  it('navigating away from unsaved text asks first; Keep editing stays, Leave goes and keeps the draft', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
    await signInPortal(portal, 'alice');
    const doc = () => deepQueryAll<PkDocument>(portal.shadowRoot!, 'pk-document')[0];
    await until(() => !!doc()?.shadowRoot?.querySelector('.prose'), 3000, 'welcome document');
    const root = doc()!.shadowRoot!;
    await typeInEditor(doc()!, root, ' Half a thought.');
    const navButton = (title: string) =>
      [...portal.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].find((b) =>
        b.textContent!.includes(title),
      )!;
    navButton('About this partnership').click();
    const confirm = root.querySelector('pk-confirm.leave')!.shadowRoot!;
    const dialog = confirm.querySelector('dialog')!;
    await until(() => dialog.open, 2000, 'leave dialog');
    expect(portal.page).to.equal('pg-welcome');
    expect(confirm.activeElement?.textContent?.trim()).to.equal('Keep editing');
    await expect(doc()!).to.be.accessible();
    button(confirm, 'Keep editing')!.click();
    await until(() => root.activeElement?.classList.contains('editor') ?? false, 2000, 'back in the editor');
    expect(root.querySelector('.editor')!.textContent).to.contain('Half a thought.');
    navButton('About this partnership').click();
    await until(() => dialog.open, 2000, 'leave dialog again');
    button(confirm, 'Leave')!.click();
    await until(() => portal.page === 'pg-about', 2000, 'navigated');
    expect(
      Object.keys(sessionStorage).filter((k) => k.startsWith('portalkit:draft:')).length,
      'draft kept',
    ).to.equal(1);
    navButton('Welcome to your portal').click();
    await until(() => portal.page === 'pg-welcome', 2000, 'back');
    await until(() => !!doc()?.shadowRoot?.querySelector('.draft'), 3000, 'draft offered back');
    button(doc()!.shadowRoot!, 'Restore my changes')!.click();
    await until(
      () => (doc()!.shadowRoot!.querySelector('.editor')?.textContent ?? '').includes('Half a thought.'),
      2000,
      'restored',
    );
  });
});
