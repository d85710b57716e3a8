// <pk-task-comments> in the browser (R8, R9, issue 23 items 1, 3, 12): text kept exactly as typed
// and shown as text, markup that would run refused with the text kept, a length counter near the
// limit and a refusal that names it, mentions with one space and a list at the caret.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-portal.js';
import '../../../src/elements/pk-task-list.js';
import type { PkPortal, PkTaskList } from '../../../src/index.js';
import { COMMENT_MAX_LENGTH } from '../../../src/contract/schemas.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { contrastRatio } from '../../../src/shared/contrast.js';
import { hex } from '../../helpers/colors.js';
import { mockBackend, signInPortal, until } from '../../helpers/portal.js';

const TASK = 'Configure single sign-on';

/** Bob's task list with the comments of "Configure single sign-on" open (no reset of the backend). */
async function openThread() {
  const portal = await fixture<PkPortal>(html`<pk-portal><pk-task-list></pk-task-list></pk-portal>`);
  await signInPortal(portal, 'bob');
  const list = portal.querySelector<PkTaskList>('pk-task-list')!;
  const root = list.shadowRoot!;
  await until(() => !!row(root), 10_000, 'tasks');
  [...row(root).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Comments')!.click();
  await list.updateComplete;
  const thread = row(root).querySelector('pk-task-comments')!;
  await until(() => (thread.shadowRoot?.textContent ?? '').includes('SAML metadata'), 10_000, 'comments');
  const area = thread.shadowRoot!.querySelector('textarea')!;
  const send = [...thread.shadowRoot!.querySelectorAll('button')].find(
    (b) => b.textContent!.trim() === 'Comment',
  )!;
  return { portal, thread, area, send, root: thread.shadowRoot! };
}

const row = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLElement>('[part="task"]')].find((li) =>
    li.querySelector('.title')!.textContent!.includes(TASK),
  )!;
const bodies = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('.body')];

/** Puts text in the box as a paste would (one input event). */
function paste(area: HTMLTextAreaElement, text: string) {
  area.focus();
  area.value = text;
  area.setSelectionRange(text.length, text.length);
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<pk-task-comments>', () => {
  it('the comment box has an edge of at least 3:1 on its background (WCAG 1.4.11)', async () => {
    await mockBackend();
    const { area } = await openThread();
    const style = getComputedStyle(area);
    const ratio = contrastRatio(hex(style.borderTopColor), hex(style.backgroundColor));
    expect(ratio, `${style.borderTopColor} on ${style.backgroundColor}`).to.be.at.least(3);
  });

  it('a long thread shows the latest 50; earlier ones on request, oldest first, focus on the first', async function () {
    this.timeout(20_000);
    const backend = await mockBackend();
    const world = demoWorld();
    const first = world.comments.find((c) => c.taskId === 'tk-sso')!;
    for (let i = 0; i < 60; i++)
      world.comments.push({ ...structuredClone(first), id: `cm-extra-${i}`, body: `Extra note ${i}` });
    await backend.reset(world);
    const portal = await fixture<PkPortal>(html`<pk-portal><pk-task-list></pk-task-list></pk-portal>`);
    await signInPortal(portal, 'bob');
    const list = portal.querySelector<PkTaskList>('pk-task-list')!;
    await until(() => !!row(list.shadowRoot!), 10_000, 'tasks');
    [...row(list.shadowRoot!).querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Comments')!
      .click();
    await list.updateComplete;
    const thread = row(list.shadowRoot!).querySelector('pk-task-comments')!;
    const items = () =>
      [...thread.shadowRoot!.querySelectorAll<HTMLElement>('li.comment .body')].map((b) => b.textContent!);
    await until(() => items().length === 50, 10_000, 'latest comments');
    expect(items().at(-1)).to.equal('Extra note 59');
    const earlier = [...thread.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Show earlier comments'),
    )!;
    earlier.click();
    await until(() => items().length > 50, 10_000, 'earlier comments');
    expect(items().slice(-60)).to.deep.equal(Array.from({ length: 60 }, (_, i) => `Extra note ${i}`));
    // Every comment of the thread, the demo's own first, oldest first.
    expect(items()[0]).to.equal(first.body);
    expect(items()).to.have.length(world.comments.filter((c) => c.taskId === 'tk-sso').length);
    await until(
      () => thread.shadowRoot!.activeElement?.classList.contains('comment') ?? false,
      3000,
      'focus',
    );
    expect(
      [...thread.shadowRoot!.querySelectorAll('button')].some((b) =>
        b.textContent!.includes('Show earlier comments'),
      ),
    ).to.equal(false);
  });

  it('keeps a comment exactly as typed and shows it as text, also after a reload (R8, issue 23 item 1)', async () => {
    const backend = await mockBackend();
    const typed = 'Seats must be <500 and >100; use <Enter> to confirm. a<b and c>d <b>bold</b>';
    const first = await openThread();
    first.area.focus();
    await sendKeys({ type: typed });
    const added = oneEvent(first.thread, 'pk-comment-add');
    first.send.click();
    await added;
    await first.thread.updateComplete;
    const shown = bodies(first.root).at(-1)!;
    expect(shown.textContent).to.equal(typed);
    expect(shown.children.length, 'nothing parsed as HTML').to.equal(0);
    expect(backend.store.world.comments.at(-1)!.body).to.equal(typed);
    // The tab reloads: a new portal reads the comment back from the server.
    first.portal.remove();
    const again = await openThread();
    const reloaded = bodies(again.root).at(-1)!;
    expect(reloaded.textContent).to.equal(typed);
    expect(reloaded.querySelector('b')).to.equal(null);
  });

  it('text holding markup that would run is refused with a clear message; the text stays (R8, issue 23 item 1)', async () => {
    const backend = await mockBackend();
    const { thread, area, send, root } = await openThread();
    const before = backend.store.world.comments.length;
    area.focus();
    await sendKeys({ type: 'Look: <img src=x onerror=alert(1)>' });
    const failed = oneEvent(thread, 'pk-error');
    send.click();
    expect((await failed).detail.code).to.equal('markup_not_allowed');
    await until(() => !!root.querySelector('[role="alert"]')?.textContent?.trim(), 10_000, 'message');
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('code that would run');
    expect(area.value).to.equal('Look: <img src=x onerror=alert(1)>');
    expect(backend.store.world.comments.length).to.equal(before);
    expect(root.querySelector('img')).to.equal(null);
    await expect(thread).to.be.accessible();
  });

  it('states the limit before it is hit: a counter near it, announced once typing pauses (issue 23 item 3)', async () => {
    await mockBackend();
    const { thread, area, root } = await openThread();
    const counter = () => root.querySelector('.count')!.textContent!.trim();
    const announced = () =>
      [...root.querySelectorAll('.sr-only[role="status"]')].map((s) => s.textContent!.trim()).join('');
    paste(area, 'x'.repeat(COMMENT_MAX_LENGTH - 600));
    await thread.updateComplete;
    expect(counter(), 'far from the limit: no counter').to.equal('');
    paste(area, 'x'.repeat(COMMENT_MAX_LENGTH - 400));
    await thread.updateComplete;
    expect(counter()).to.equal('400 characters left');
    expect(area.getAttribute('aria-describedby')).to.contain(root.querySelector('.count')!.id);
    expect(announced(), 'not on every keystroke').to.equal('');
    await until(() => announced() === '400 characters left', 10_000, 'announcement after a pause');
    paste(area, 'x'.repeat(COMMENT_MAX_LENGTH + 1));
    await thread.updateComplete;
    expect(counter()).to.equal('1 character too many');
    await expect(thread).to.be.accessible();
  });

  it('a comment over the limit: the refusal names it, pk-error fires, the text stays (issue 23 item 3)', async () => {
    const backend = await mockBackend();
    const { thread, area, send, root } = await openThread();
    const long = 'y'.repeat(23_480);
    paste(area, long);
    await thread.updateComplete;
    expect(root.querySelector('.count')!.textContent!.trim()).to.equal('18,480 characters too many');
    const failed = oneEvent(thread, 'pk-error');
    send.click();
    expect((await failed).detail.code).to.equal('text_too_long');
    await until(() => !!root.querySelector('[role="alert"]')?.textContent?.trim(), 10_000, 'message');
    const message = root.querySelector('[role="alert"]')!.textContent!;
    expect(message).to.contain('5,000 characters');
    expect(message).not.to.contain('Something went wrong');
    expect(area.value).to.equal(long);
    expect(backend.store.world.comments.some((c) => c.body === long)).to.equal(false);
  });

  it('a picked mention leaves one space, whether or not a space follows (issue 23 item 12)', async () => {
    await mockBackend();
    const { thread, area } = await openThread();
    const options = () => thread.shadowRoot!.querySelectorAll('[role="option"]');
    area.focus();
    await sendKeys({ type: 'Hi @Ol' });
    await until(() => options().length > 0, 10_000, 'mention options');
    await sendKeys({ press: 'Enter' });
    await thread.updateComplete;
    await sendKeys({ type: ' thanks' });
    expect(area.value).to.equal('Hi @Olivia Ortiz thanks');
    // Picked in the middle of text that already has a space after the caret.
    paste(area, 'Ask  today');
    area.setSelectionRange(4, 4);
    await sendKeys({ type: '@Ol' });
    await until(() => options().length > 0, 10_000, 'mention options');
    await sendKeys({ press: 'Enter' });
    await thread.updateComplete;
    await sendKeys({ type: ' ' });
    expect(area.value).to.equal('Ask @Olivia Ortiz today');
  });

  it('the mention list opens at the caret, above the Comment button; arrows, Enter and Escape work (issue 23 item 12)', async () => {
    await mockBackend();
    const { thread, area, send, root } = await openThread();
    const listbox = root.querySelector<HTMLElement>('[role="listbox"]')!;
    area.focus();
    await sendKeys({ type: 'Thanks for the update, @' });
    await until(() => !listbox.hidden, 10_000, 'mention list');
    const box = listbox.getBoundingClientRect();
    const field = area.getBoundingClientRect();
    expect(box.top, 'below the first line').to.be.greaterThan(field.top);
    expect(box.top, 'inside the text box, not below the button').to.be.lessThan(field.bottom);
    expect(box.top).to.be.lessThan(send.getBoundingClientRect().top);
    expect(box.left, 'at the caret, not the box’s edge').to.be.greaterThan(field.left + 60);
    expect(box.right).to.be.at.most(root.querySelector('.composer')!.getBoundingClientRect().right + 1);
    const names = [...root.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
    expect(names.length).to.be.greaterThan(1);
    await sendKeys({ press: 'ArrowDown' });
    await thread.updateComplete;
    expect(area.getAttribute('aria-activedescendant')).to.match(/-person-1$/);
    await sendKeys({ press: 'Escape' });
    await thread.updateComplete;
    expect(listbox.hidden).to.equal(true);
    await sendKeys({ type: 'O' });
    await until(() => !listbox.hidden, 10_000, 'mention list again');
    await sendKeys({ press: 'Enter' });
    await thread.updateComplete;
    expect(area.value).to.match(/^Thanks for the update, @[\p{L} ]+ $/u);
    await expect(thread).to.be.accessible();
  });
});
