// <pk-document> (R8, issue 23 item 18): a conflict says which text is whose and the header shows the
// newest version; a formatting toolbar (bold, italic, lists, link) offers only what the HTML
// allow-list keeps, by mouse and keyboard.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-document.js';
import '../../../src/elements/pk-portal.js';
import type { PkDocument, PkPortal } from '../../../src/index.js';
import { mockBackend, signInPortal, until } from '../../helpers/portal.js';

async function editing() {
  const backend = await mockBackend();
  const portal = await fixture<PkPortal>(
    html`<pk-portal><pk-document page="pg-welcome"></pk-document></pk-portal>`,
  );
  await signInPortal(portal, 'alice');
  const el = portal.querySelector<PkDocument>('pk-document')!;
  const root = el.shadowRoot!;
  await until(
    () => (root.querySelector('.prose')?.textContent ?? '').includes('Welcome'),
    10_000,
    'document',
  );
  button(root, 'Edit')!.click();
  await until(() => root.activeElement?.classList.contains('editor') ?? false, 10_000, 'editor focused');
  const editor = root.querySelector<HTMLElement>('.editor')!;
  return { backend, el, root, editor };
}

const button = (root: ShadowRoot | Element, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);
const tool = (root: ShadowRoot, label: string) =>
  root.querySelector<HTMLButtonElement>(`[role="toolbar"] button[aria-label="${label}"]`)!;

/** Puts the caret at the end of the editor and types a new paragraph. */
async function typeParagraph(text: string) {
  await sendKeys({ press: 'Control+End' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ type: text });
}

/** Selects the last `count` characters before the caret. */
async function selectBack(count: number) {
  for (let i = 0; i < count; i++) await sendKeys({ press: 'Shift+ArrowLeft' });
}

describe('<pk-document> conflicts and formatting (issue 23 item 18)', () => {
  beforeEach(() => sessionStorage.clear());

  it('a conflict labels your text and theirs, and the header shows the newest version', async () => {
    const { backend, el, root } = await editing();
    await sendKeys({ press: 'Control+End' });
    await sendKeys({ type: ' Mine.' });
    expect(root.querySelector('.meta')!.textContent).to.contain('Version 1');
    const doc = backend.store.documents.get('doc-welcome')!;
    Object.assign(doc, {
      body: '<p>Theirs.</p>',
      version: 2,
      updatedBy: 'Olivia Ortiz',
      updatedAt: '2025-03-04T10:30:00.000Z',
    });
    button(root, 'Save')!.click();
    await until(() => !!root.querySelector('.conflict'), 10_000, 'conflict');
    expect(root.querySelector('.meta')!.textContent).to.contain('Version 2');
    expect(root.querySelector('.meta')!.textContent).to.contain('Olivia Ortiz');
    const mine = root.querySelector('.version-label.mine')!;
    expect(mine.textContent!.trim()).to.equal('Your version (not saved)');
    expect(root.querySelector('.editor')!.getAttribute('aria-label')).to.equal('Your version (not saved)');
    const theirs = root.querySelector('.conflict .version-label')!.textContent!.trim();
    expect(theirs).to.match(/^Their version 2, saved by Olivia Ortiz at .*2025/);
    const theirText = root.querySelector('.conflict [role="region"]')!;
    expect(theirText.getAttribute('aria-labelledby')).to.equal(
      root.querySelector('.conflict .version-label')!.id,
    );
    expect(theirText.textContent).to.contain('Theirs.');
    await expect(el).to.be.accessible();
  });

  it('bold and italic by button and by Ctrl+B / Ctrl+I, with their pressed state; saved through the allow-list', async () => {
    const { backend, el, root, editor } = await editing();
    expect(
      [...root.querySelectorAll('[role="toolbar"] button')].map((b) => b.getAttribute('aria-label')),
    ).to.deep.equal(['Bold', 'Italic', 'Bulleted list', 'Numbered list', 'Link']);
    await typeParagraph('Strong words');
    await selectBack(5);
    tool(root, 'Bold').click();
    await el.updateComplete;
    expect(editor.querySelector('b')?.textContent).to.equal('words');
    await until(() => tool(root, 'Bold').getAttribute('aria-pressed') === 'true', 10_000, 'Bold pressed');
    expect(root.activeElement, 'focus stays in the text').to.equal(editor);
    // Typing on after bold text stays bold until Ctrl+B turns it off.
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Control+b' });
    await until(() => tool(root, 'Bold').getAttribute('aria-pressed') === 'false', 10_000, 'Bold off');
    await sendKeys({ type: ' and ' });
    await sendKeys({ press: 'Control+i' });
    await sendKeys({ type: 'slanted' });
    await until(() => tool(root, 'Italic').getAttribute('aria-pressed') === 'true', 10_000, 'Italic pressed');
    expect(tool(root, 'Bold').getAttribute('aria-pressed')).to.equal('false');
    expect(editor.querySelector('i')?.textContent).to.equal('slanted');
    const saved = oneEvent(el, 'pk-document-save');
    button(root, 'Save')!.click();
    await saved;
    const body = backend.store.documents.get('doc-welcome')!.body;
    expect(body).to.contain('<b>words</b>');
    expect(body).to.contain('<i>slanted</i>');
  });

  it('lists and links from the keyboard: one tab stop, arrows move, Enter applies; a link needs a safe address', async () => {
    const { backend, el, root, editor } = await editing();
    await typeParagraph('First point');
    // Shift+Tab leaves the text for the toolbar; focus starts on its first button.
    await sendKeys({ press: 'Shift+Tab' });
    expect(root.activeElement).to.equal(tool(root, 'Bold'));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(root.activeElement).to.equal(tool(root, 'Bulleted list'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(editor.querySelector('ul li')?.textContent).to.equal('First point');
    expect(root.activeElement, 'back in the text').to.equal(editor);
    await until(
      () => tool(root, 'Bulleted list').getAttribute('aria-pressed') === 'true',
      2000,
      'list pressed',
    );
    await selectBack(5);
    await sendKeys({ press: 'Control+k' });
    await until(() => !!root.querySelector('.link-form input'), 10_000, 'link form');
    expect(root.activeElement).to.equal(root.querySelector('.link-form input'));
    await sendKeys({ type: 'javascript:alert(1)' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root.querySelector('.link-form [role="alert"]')!.textContent).to.contain('web address');
    expect(editor.querySelector('a')).to.equal(null);
    const input = root.querySelector<HTMLInputElement>('.link-form input')!;
    input.select();
    await sendKeys({ type: 'https://example.com/sso' });
    await sendKeys({ press: 'Enter' });
    await until(() => !!editor.querySelector('a'), 10_000, 'link');
    expect(editor.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/sso');
    expect(editor.querySelector('a')!.textContent).to.equal('point');
    expect(root.querySelector('.link-form')).to.equal(null);
    await until(() => tool(root, 'Link').getAttribute('aria-pressed') === 'true', 10_000, 'Link pressed');
    await expect(el).to.be.accessible();
    const saved = oneEvent(el, 'pk-document-save');
    button(root, 'Save')!.click();
    await saved;
    const body = backend.store.documents.get('doc-welcome')!.body;
    expect(body).to.match(/<ul><li>First <a href="https:\/\/example.com\/sso">point<\/a><\/li><\/ul>/);
  });
});
