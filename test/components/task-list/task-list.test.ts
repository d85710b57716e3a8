// <pk-task-list> in the browser (R7, R9, R12): completing, rollback, offline retry, comments
// with mention autocomplete by keyboard, staff share/assign, filters, read-only, axe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/pk-portal.js';
import '../../../src/elements/pk-task-list.js';
import type { PkPortal, PkTaskList } from '../../../src/index.js';
import type { World } from '../../../backend/src/world/schema.js';
import { demoWorld, type PersonaName } from '../../../server-mock/demo-world.js';
import { workSharedToView } from '../../helpers/backend.js';
import { mockBackend, signInPortal, until } from '../../helpers/portal.js';

async function taskList(persona: PersonaName, world?: World) {
  const backend = await mockBackend();
  if (world) backend.reset(world);
  const portal = await fixture<PkPortal>(html`<pk-portal><pk-task-list></pk-task-list></pk-portal>`);
  await signInPortal(portal, persona);
  const list = portal.querySelector<PkTaskList>('pk-task-list')!;
  await until(() => !!list.shadowRoot!.querySelector('[part="task"]'), 3000, 'tasks');
  return { backend, portal, list, root: list.shadowRoot! };
}

const row = (root: ShadowRoot, title: string) =>
  [...root.querySelectorAll<HTMLElement>('[part="task"]')].find((li) =>
    li.querySelector('.title')!.textContent!.includes(title),
  )!;
const checkbox = (root: ShadowRoot, title: string) =>
  row(root, title)?.querySelector<HTMLButtonElement>('button.check');
/** Opens a task's comments and waits for them. */
async function openThread(root: ShadowRoot, list: PkTaskList, title: string) {
  buttonNamed(row(root, title), 'Comments').click();
  await list.updateComplete;
  const thread = row(root, title).querySelector('pk-task-comments')!;
  await until(() => (thread.shadowRoot?.textContent ?? '').includes('SAML'), 2000, 'comments');
  return thread;
}

const buttonNamed = (root: ShadowRoot | HTMLElement, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;

describe('<pk-task-list>', () => {
  it('shows shared workflows grouped by phase with progress, owners and overdue dates; only shared tasks (R7)', async () => {
    const { root } = await taskList('bob');
    buttonNamed(root, 'All').click();
    await until(() => !!row(root, 'Attend kick-off call'), 2000, 'all tasks');
    const titles = [...root.querySelectorAll('.title')].map((t) => t.textContent!.trim());
    expect(titles).to.include.members([
      'Attend kick-off call',
      'Configure single sign-on',
      'Import historical data',
      'Run admin training',
      'Send updated W-9 form',
    ]);
    expect(titles).not.to.include('Review discount margin (internal)');
    expect(titles).not.to.include('Draft QBR deck');
    expect([...root.querySelectorAll('h4')].map((h) => h.textContent)).to.include.members([
      'Kick-off',
      'Setup',
      'Adoption',
    ]);
    expect(root.querySelector('progress')!.value).to.equal(1);
    expect(row(root, 'Configure single sign-on').querySelector('.overdue')!.textContent).to.contain(
      'Overdue since',
    );
    expect(row(root, 'Configure single sign-on').textContent).to.contain('Bob Brennan');
  });

  it('an external owner completes their own task; others show no control (R7)', async () => {
    const { backend, list, root } = await taskList('bob');
    expect(checkbox(root, 'Run admin training')).to.equal(null); // Alice's task, Bob has no Task Update
    const completed = oneEvent(list, 'pk-task-complete');
    checkbox(root, 'Configure single sign-on')!.click();
    expect((await completed).detail).to.deep.equal({ taskId: 'tk-sso', status: 'done' });
    expect(backend.store.tasks.get('tk-sso')!.status).to.equal('done');
    await expect(list).to.be.accessible();
  });

  it('rolls back with a clear message when the server refuses', async () => {
    const { backend, list, root } = await taskList('bob');
    backend.store.tasks.get('tk-sso')!.owner = { kind: 'external', id: 'k-nw-alice' }; // no longer Bob's
    const error = oneEvent(list, 'pk-error');
    checkbox(root, 'Configure single sign-on')!.click();
    expect((await error).detail.code).to.equal('forbidden');
    await list.updateComplete;
    buttonNamed(root, 'All').click();
    await list.updateComplete;
    expect(checkbox(root, 'Configure single sign-on')!.getAttribute('aria-checked')).to.equal('false');
    expect(row(root, 'Configure single sign-on').querySelector('[role="alert"]')!.textContent).to.contain(
      'permission',
    );
    expect(backend.store.tasks.get('tk-sso')!.status).to.equal('open');
  });

  it('a network failure keeps the change and retries it', async () => {
    const { backend, root, list } = await taskList('bob');
    const original = window.fetch;
    window.fetch = (input, init) =>
      init?.method === 'PUT' ? Promise.reject(new TypeError('offline')) : original(input, init);
    try {
      buttonNamed(root, 'All').click();
      await list.updateComplete;
      checkbox(root, 'Configure single sign-on')!.click();
      await until(
        () => !!row(root, 'Configure single sign-on').querySelector('.pending'),
        2000,
        'offline notice',
      );
      expect(checkbox(root, 'Configure single sign-on')!.getAttribute('aria-checked')).to.equal('true');
      expect(backend.store.tasks.get('tk-sso')!.status).to.equal('open');
    } finally {
      window.fetch = original;
    }
    const completed = oneEvent(list, 'pk-task-complete');
    buttonNamed(row(root, 'Configure single sign-on'), 'Retry now').click();
    await completed;
    expect(backend.store.tasks.get('tk-sso')!.status).to.equal('done');
  });

  it('filters: open / done / all, mine / everyone; sort by due date', async () => {
    const { root, list } = await taskList('alice');
    const titles = () => [...root.querySelectorAll('.title')].map((t) => t.textContent!.trim());
    expect(titles()).not.to.include('Attend kick-off call'); // done
    buttonNamed(root, 'Done').click();
    await list.updateComplete;
    expect(titles()).to.deep.equal(['Attend kick-off call']);
    buttonNamed(root, 'Open').click();
    buttonNamed(root, 'Mine').click();
    await list.updateComplete;
    expect(titles()).to.deep.equal(['Run admin training']);
    buttonNamed(root, 'Everyone').click();
    await list.updateComplete;
    const setup = [...root.querySelectorAll('ul')].find((ul) => ul.textContent!.includes('single sign-on'))!;
    expect([...setup.querySelectorAll('.title')].map((t) => t.textContent!.trim())).to.deep.equal([
      'Configure single sign-on',
      'Import historical data',
    ]);
    buttonNamed(root, 'Due date: soonest first').click();
    await list.updateComplete;
    const reversed = [...root.querySelectorAll('ul')].find((ul) =>
      ul.textContent!.includes('single sign-on'),
    )!;
    expect([...reversed.querySelectorAll('.title')].map((t) => t.textContent!.trim())).to.deep.equal([
      'Import historical data',
      'Configure single sign-on',
    ]);
  });

  it('comments: mention autocomplete by keyboard offers only R9 people; text is shown as text', async () => {
    const { backend, root, list } = await taskList('bob');
    buttonNamed(row(root, 'Configure single sign-on'), 'Comments').click();
    await list.updateComplete;
    const thread = row(root, 'Configure single sign-on').querySelector('pk-task-comments')!;
    await until(() => (thread.shadowRoot?.textContent ?? '').includes('SAML metadata'), 3000, 'comments');
    const area = thread.shadowRoot!.querySelector('textarea')!;
    area.focus();
    await sendKeys({ type: 'Hi @Gr' });
    await thread.updateComplete;
    expect(thread.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(0); // Grace is in another portal
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'Ol' });
    await until(
      () => thread.shadowRoot!.querySelectorAll('[role="option"]').length > 0,
      2000,
      'mention options',
    );
    expect(area.getAttribute('aria-activedescendant')).to.match(/-person-0$/);
    expect(
      [...thread.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim()),
    ).to.deep.equal(['Olivia Ortiz']);
    await sendKeys({ press: 'Enter' });
    await thread.updateComplete;
    expect(area.value).to.equal('Hi @Olivia Ortiz ');
    await sendKeys({ type: '<b>thanks</b> & 1 < 2' });
    const added = oneEvent(thread, 'pk-comment-add');
    buttonNamed(thread.shadowRoot!, 'Comment').click();
    expect((await added).detail.mentions).to.deep.equal([{ kind: 'internal', id: 'u-csm-olivia' }]);
    await thread.updateComplete;
    const last = [...thread.shadowRoot!.querySelectorAll('.body')].at(-1)!;
    // R8: kept exactly as typed and shown as text, never parsed as HTML (issue 23 item 1).
    expect(last.textContent).to.equal('Hi @Olivia Ortiz <b>thanks</b> & 1 < 2');
    expect(last.querySelector('b')).to.equal(null);
    // R9: the mention is drawn as a chip (#12 item 20); focus goes to the new comment (item 8).
    expect([...last.querySelectorAll('.mention')].map((m) => m.textContent)).to.deep.equal(['@Olivia Ortiz']);
    await until(
      () => thread.shadowRoot!.activeElement === last.closest('li'),
      2000,
      'focus on the new comment',
    );
    expect(backend.store.world.comments.at(-1)!.mentions).to.deep.equal([
      { kind: 'internal', id: 'u-csm-olivia' },
    ]);
    await expect(thread).to.be.accessible();
  });

  it('a comment that fails to send stays in the box', async () => {
    const { root, list } = await taskList('carol'); // no comment permission
    buttonNamed(row(root, 'Send updated W-9 form'), 'Comments').click();
    await list.updateComplete;
    const thread = row(root, 'Send updated W-9 form').querySelector('pk-task-comments')!;
    await until(() => !!thread.shadowRoot?.querySelector('textarea'), 2000, 'composer');
    const area = thread.shadowRoot!.querySelector('textarea')!;
    area.focus();
    await sendKeys({ type: 'Attached the form' });
    buttonNamed(thread.shadowRoot!, 'Comment').click();
    await until(() => !!thread.shadowRoot!.querySelector('[role="alert"]'), 2000, 'error');
    expect(area.value).to.equal('Attached the form');
  });

  it('vendor staff toggle Shared in Portal and assign to an external user', async () => {
    const { backend, root, list } = await taskList('olivia');
    const margin = row(root, 'Review discount margin (internal)');
    expect(margin.textContent).to.contain('Not shared in portal');
    const shared = oneEvent(list, 'pk-task-share');
    const box = margin.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    box.click();
    expect((await shared).detail).to.deep.equal({ taskId: 'tk-margin', sharedInPortal: true });
    expect(backend.store.tasks.get('tk-margin')!.sharedInPortal).to.equal(true);
    // Browsing owners by keyboard (each step fires change) reassigns nothing (#12 item 11).
    const select = margin.querySelector('select')!;
    const assign = buttonNamed(margin, 'Assign');
    expect(assign.disabled, 'nothing to assign yet').to.equal(true);
    let saves = 0;
    list.addEventListener('pk-task-assign', () => saves++);
    select.focus();
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown']) await sendKeys({ press: key });
    await list.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(saves, 'no save while browsing').to.equal(0);
    expect(backend.store.tasks.get('tk-margin')!.owner?.id).not.to.equal('k-nw-bob');
    const assigned = oneEvent(list, 'pk-task-assign');
    select.value = 'external:k-nw-bob';
    select.dispatchEvent(new Event('change'));
    await list.updateComplete;
    expect(assign.disabled).to.equal(false);
    assign.click();
    expect((await assigned).detail.owner).to.deep.equal({ kind: 'external', id: 'k-nw-bob' });
    expect(saves).to.equal(1);
    expect(backend.store.tasks.get('tk-margin')!.owner).to.deep.equal({ kind: 'external', id: 'k-nw-bob' });
    await expect(list).to.be.accessible();
  });

  it('staff whose role only views see what is shared, but no control to share or assign (R20)', async () => {
    // Olivia keeps Customer Portals, but her role now only views every model: she reads settings.
    const world = demoWorld();
    for (const grant of Object.values(world.internalRoles.find((r) => r.id === 'r-csm')!.models))
      Object.assign(grant!, { create: false, update: false, remove: false });
    const { root, list } = await taskList('olivia', world);
    const margin = row(root, 'Review discount margin (internal)');
    expect(margin.textContent).to.contain('Not shared in portal');
    expect(margin.querySelector('input[type="checkbox"]'), 'no Shared in portal control').to.equal(null);
    expect(margin.querySelector('select'), 'no owner picker').to.equal(null);
    expect(buttonNamed(margin, 'Assign')).to.equal(undefined);
    await expect(list).to.be.accessible();
  });

  it('tasks shared to view: no completing, no comment box, and the reason shown (R2)', async () => {
    const { root, list } = await taskList('bob', workSharedToView());
    expect(root.querySelector('.readonly')!.textContent).to.contain('shared with you to view only');
    // Bob owns this task: through an edit share he could complete it.
    expect(checkbox(root, 'Configure single sign-on')!.disabled).to.equal(true);
    const thread = await openThread(root, list, 'Configure single sign-on');
    expect(thread.shadowRoot!.querySelector('textarea')).to.equal(null);
    await expect(list).to.be.accessible();
  });

  it('view-only ticks look disabled and say why (issue 23 item 11)', async () => {
    const viewOnly = await taskList('bob', workSharedToView());
    const disabled = checkbox(viewOnly.root, 'Configure single sign-on')!;
    expect(disabled.title).to.equal('View only');
    const looks = (tick: HTMLElement) => {
      const style = getComputedStyle(tick);
      return { border: style.borderTopStyle, background: style.backgroundColor, opacity: style.opacity };
    };
    const viewOnlyLook = looks(disabled);
    viewOnly.list.closest('pk-portal')!.remove();
    const editable = await taskList('bob');
    const enabled = checkbox(editable.root, 'Configure single sign-on')!;
    expect(enabled.title).to.equal('');
    expect(viewOnlyLook.border).to.equal('dashed');
    expect(looks(enabled).border).to.equal('solid');
    expect(viewOnlyLook.background).not.to.equal(looks(enabled).background);
  });

  it('completing a task under Open says so and offers Undo instead of vanishing silently (issue 23 item 11)', async () => {
    const { backend, root, list } = await taskList('bob');
    const completed = oneEvent(list, 'pk-task-complete');
    checkbox(root, 'Configure single sign-on')!.click();
    await list.updateComplete;
    expect(row(root, 'Configure single sign-on'), 'left the Open list').to.equal(undefined);
    const notice = root.querySelector('.left-filter [role="status"]')!;
    expect(notice.textContent).to.contain('Task completed: Configure single sign-on');
    const undo = buttonNamed(notice as HTMLElement, 'Undo');
    await until(() => root.activeElement === undo, 2000, 'focus on Undo');
    await completed;
    expect(backend.store.tasks.get('tk-sso')!.status).to.equal('done');
    await expect(list).to.be.accessible();
    const reopened = oneEvent(list, 'pk-task-complete');
    undo.click();
    expect((await reopened).detail).to.deep.equal({ taskId: 'tk-sso', status: 'open' });
    expect(backend.store.tasks.get('tk-sso')!.status).to.equal('open');
    await list.updateComplete;
    expect(root.querySelector('.left-filter')).to.equal(null);
    expect(root.activeElement).to.equal(checkbox(root, 'Configure single sign-on'));
  });

  it('the completed notice goes by itself some seconds after focus leaves it (issue 23 item 11)', async () => {
    const { root, list } = await taskList('bob');
    const realTimeout = window.setTimeout;
    const delays: number[] = [];
    // Time runs fast here: each timer of the notice fires at once, its delay recorded.
    window.setTimeout = ((fn: () => void, ms?: number) => {
      if (ms && ms >= 1000) delays.push(ms);
      return realTimeout(fn, ms && ms >= 1000 ? 0 : ms);
    }) as typeof window.setTimeout;
    try {
      checkbox(root, 'Configure single sign-on')!.click();
      await until(
        () => !!root.querySelector('.left-filter') && root.activeElement?.tagName === 'BUTTON',
        2000,
        'notice',
      );
      await new Promise((r) => realTimeout(r, 50));
      expect(root.querySelector('.left-filter'), 'stays while focus is in it').not.to.equal(null);
      buttonNamed(root, 'All').focus();
      await until(() => !root.querySelector('.left-filter'), 2000, 'notice gone');
      expect(Math.max(...delays)).to.be.at.least(5000);
    } finally {
      window.setTimeout = realTimeout;
    }
    await list.updateComplete;
  });

  it('impersonation is read-only with the reason shown (R12)', async () => {
    const { root, list } = await taskList('oliviaAsBob');
    expect(root.querySelector('.readonly')!.textContent).to.contain('Read-only while viewing as Bob Brennan');
    const own = checkbox(root, 'Configure single sign-on')!;
    expect(own.disabled).to.equal(true);
    expect(own.getAttribute('aria-describedby')).to.equal('readonly-note');
    const thread = await openThread(root, list, 'Configure single sign-on');
    expect(thread.shadowRoot!.querySelector('textarea')).to.equal(null);
    await expect(list).to.be.accessible();
  });

  it('the tasks page of the shell loads the task list lazily', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal page="pg-onboarding"></pk-portal>`);
    await signInPortal(portal, 'alice');
    const page = portal.shadowRoot!.querySelector('pk-page')!;
    await until(
      () => !!page.shadowRoot?.querySelector('pk-task-list')?.shadowRoot?.querySelector('[part="task"]'),
      3000,
      'task list in page',
    );
    await expect(portal).to.be.accessible();
  });
});
