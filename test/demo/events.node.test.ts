// Every event README lists, fired by what a person really does in the demo (`npm start`), shows in
// the demo's event log (#23 item 8) — and staff saving Branding moves the demo's colour picker
// (item 6). One page, actions in sequence: customer Alice first, then staff Ava.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright';
import { startDemo, type Demo } from './demo-server.js';
import { readmeEvents } from './readme-events.js';

/** Sized for a busy 2-core machine: every wait is for a condition, none is a pause. */
const WAIT = 30_000;

let demo: Demo;
let page: Page;
/** Every event the log showed, over all steps. */
const logged = new Set<string>();

const portal = () => page.locator('pk-portal');
const nav = (name: string) => portal().locator('nav').getByRole('button', { name, exact: true }).click();
const button = (name: string | RegExp, within: Locator = portal()) =>
  within.getByRole('button', { name, exact: typeof name === 'string' }).first();

const task = (title: string) => portal().locator('[part="task"]').filter({ hasText: title });

/**
 * Runs `action` on an empty log and waits until the log shows `name`; returns the event's detail.
 * The log is cleared first (it keeps 50 lines) so an earlier line cannot answer for this action.
 */
async function expectLogged(name: string, action: () => Promise<unknown>): Promise<any> {
  await page.locator('#events').evaluate((list) => list.replaceChildren());
  await action();
  const line = page
    .locator('#events li')
    .filter({ hasText: ` ${name} ` })
    .first();
  await line.waitFor({ timeout: WAIT });
  logged.add(name);
  const text = (await line.textContent())!;
  return JSON.parse(text.slice(text.indexOf(` ${name} `) + name.length + 2));
}

/** Signs in as a persona through the demo's switcher, as a person would. */
async function signInAs(persona: string) {
  return expectLogged('pk-ready', () => page.locator('#persona').selectOption(persona));
}

describe('demo event log: every README event from a real action', { timeout: 5 * 60_000 }, () => {
  before(async () => {
    demo = await startDemo();
    await demo.reset();
    page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(WAIT);
  });
  after(async () => {
    await demo?.stop();
  });

  it('customer: opens, navigates, completes and comments on a task', async () => {
    await page.goto(`${demo.url}?persona=alice&latency=0`);
    await page.locator('#events li').filter({ hasText: ' pk-ready ' }).waitFor({ timeout: WAIT });
    logged.add('pk-ready');
    const to = await expectLogged('pk-navigate', () => nav('Onboarding plan'));
    assert.equal(to.pageId, 'pg-onboarding');
    const done = await expectLogged('pk-task-complete', () =>
      task('Run admin training')
        .getByLabel(/^Complete/)
        .click(),
    );
    assert.equal(done.status, 'done');
    await expectLogged('pk-comment-add', async () => {
      await button('Comments').click();
      await portal()
        .getByLabel(/Add a comment/)
        .fill('Kick-off is booked for Monday.');
      await button('Comment').click();
    });
  });

  it('customer: uploads and downloads a file; a refused upload is a pk-error', async () => {
    await nav('Shared files');
    const input = portal().locator('input[type="file"]');
    const file = (name: string, text: string) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(text),
    });
    const uploaded = await expectLogged('pk-file-upload', () =>
      input.setInputFiles(file('meeting-notes.txt', 'Notes of the kick-off')),
    );
    assert.equal(uploaded.name, 'meeting-notes.txt');
    await expectLogged('pk-file-download', () => button('Download meeting-notes.txt').click());
    // A PDF by name only: the server checks the content and refuses it.
    const error = await expectLogged('pk-error', () => input.setInputFiles(file('invoice.pdf', 'not a pdf')));
    assert.equal(error.code, 'file_content_mismatch');
  });

  it('customer: edits, creates, removes and exports records', async () => {
    await nav('Licenses');
    const grid = portal().getByRole('grid');
    const seats = grid.getByRole('gridcell').nth(1);
    const update = await expectLogged('pk-record-update', async () => {
      await seats.dblclick();
      await grid.getByRole('textbox').fill('42');
      await grid.getByRole('textbox').press('Enter');
    });
    assert.deepEqual(update.fields, { seats: 42 });
    await expectLogged('pk-record-create', async () => {
      await button('New record').click();
      const dialog = portal().getByRole('dialog');
      await dialog.getByLabel('Product').fill('Events test license');
      await button('Create', dialog).click();
    });
    await expectLogged('pk-record-remove', async () => {
      await seats.click();
      await button('Remove row…').click();
      await button('Remove', portal().getByRole('alertdialog').or(portal().getByRole('dialog'))).click();
    });
    await expectLogged('pk-records-export', () => button('Export CSV').click());
  });

  it('customer: adds a contact, saves a document, signs out', async () => {
    await nav('People');
    await expectLogged('pk-contact-add', async () => {
      await portal().getByLabel('Name').fill('Gina Gray');
      await portal().getByLabel('Email').fill('gina@northwind.example');
      await button('Add contact').click();
    });
    await nav('Welcome to your portal');
    const saved = await expectLogged('pk-document-save', async () => {
      await button('Edit').click();
      await portal().getByRole('textbox').first().pressSequentially(' Updated.');
      await button('Save').click();
    });
    assert.equal(saved.pageId, 'pg-welcome');
    await expectLogged('pk-sign-out', () => button('Sign out').click());
  });

  it('staff: share and assign a task, share and remove files, unshare a record', async () => {
    const ready = await signInAs('ava');
    assert.equal(ready.user.id, 'u-admin-ava');
    await nav('Onboarding plan');
    const sso = task('Configure single sign-on');
    await expectLogged('pk-task-share', () => sso.getByLabel('Shared in portal').uncheck());
    const assigned = await expectLogged('pk-task-assign', async () => {
      await sso.getByLabel('Assign to').selectOption({ label: 'Alice Archer' });
      await button('Assign', sso).click();
    });
    assert.equal(assigned.owner.id, 'k-nw-alice');

    await nav('Shared files');
    await expectLogged('pk-file-share', () => button('Unshare SAML metadata.txt').click());
    await expectLogged('pk-file-remove', async () => {
      await button('Remove Welcome pack.pdf').click();
      await button('Remove', portal().getByRole('dialog').filter({ hasText: 'deleted' })).click();
    });

    await nav('Licenses');
    const shared = await expectLogged('pk-records-share', async () => {
      await portal().getByRole('grid').getByRole('gridcell').first().click();
      await button('Unshare row').click();
    });
    assert.equal(shared.shared, false);
  });

  it('staff: saving Branding is a pk-settings-change and the demo colour picker follows', async () => {
    await nav('Manage portal');
    await portal().getByRole('tab', { name: 'Branding' }).click();
    const changed = await expectLogged('pk-settings-change', async () => {
      await portal().getByLabel('Brand colour').fill('#7c3aed');
      await button('Save colours').click();
    });
    assert.equal(changed.area, 'branding');
    const picker = page.locator('#brand');
    await page
      .waitForFunction(() => document.querySelector<HTMLInputElement>('#brand')!.value === '#7c3aed')
      .catch(() => undefined);
    assert.equal(await picker.inputValue(), '#7c3aed', 'the demo colour picker shows the saved colour');
  });

  it('staff: views as a customer and exits the view, changes an external role', async () => {
    await portal().getByRole('tab', { name: 'People' }).click();
    const viewing = await expectLogged('pk-ready', () => button('View as Alice Archer').click());
    assert.equal(viewing.user.id, 'k-nw-alice');
    await expectLogged('pk-exit-view', () => button('Exit view').click());

    await nav('External roles');
    const role = await expectLogged('pk-role-change', async () => {
      await portal().getByLabel('Comment', { exact: true }).click();
      await button('Save role').click();
    });
    assert.equal(role.action, 'update');
  });

  it('a session ended on the server without renewal is a pk-session-expired', async () => {
    await page.locator('#renew').uncheck();
    await page.locator('#end-session').click();
    await expectLogged('pk-session-expired', () => nav('Licenses'));
    await page.locator('#renew').check();
  });

  it('staff: opening a portal from the portfolio is a pk-portal-open', async () => {
    await expectLogged('pk-ready', () => page.locator('#sign-in-again').click());
    await button('Portfolio').click();
    const opened = await expectLogged('pk-portal-open', () => button('Open Northwind onboarding').click());
    assert.equal(opened.portalId, 'p-northwind');
  });

  it('the log showed every event README lists', () => {
    assert.deepEqual(
      readmeEvents().filter((name) => !logged.has(name)),
      [],
    );
  });
});
