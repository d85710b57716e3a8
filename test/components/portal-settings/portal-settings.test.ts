// <pk-portal-settings> in the shell (R20, R22, R23): staff run the portal — sharing, people,
// audience, branding, activity, audit trail — by keyboard, and view it as a user and come back.
import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/portalkit.js';
import '../../../src/elements/pk-portal-settings.js';
import { PortalApiClient } from '../../../src/api/client.js';
import { apiContext } from '../../../src/context/portal-context.js';
import type { PkPortal, PkPortalSettings } from '../../../src/index.js';
import type { PersonaName } from '../../../server-mock/demo-world.js';
import { signIn, tokenFor } from '../../helpers/backend.js';
import { deepQueryAll, mockBackend, shadow, signInPortal, until } from '../../helpers/portal.js';

async function settings(persona: PersonaName = 'olivia') {
  const backend = await mockBackend();
  const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), persona);
  [...shadow(portal).querySelectorAll<HTMLButtonElement>('nav button')]
    .find((b) => b.textContent!.trim() === 'Manage portal')!
    .click();
  const part = () => deepQueryAll<PkPortalSettings>(shadow(portal), 'pk-portal-settings')[0]!;
  await until(() => loaded(part()?.shadowRoot), 4000, 'settings');
  const root = () => part().shadowRoot!;
  return {
    backend,
    portal,
    part,
    root,
    tabPart: () => openPart(root()),
    panel: () => openPart(root()).shadowRoot!,
  };
}

/** The part of the open tab (each tab is a part of its own, in the panel). */
const openPart = (root: ShadowRoot) =>
  [...root.querySelector('[role="tabpanel"]')!.children].find(
    (el): el is LitElement => el.localName.startsWith('pk-settings-') && !(el as HTMLElement).hidden,
  )!;

/** The open tab has its data (the part remembers the last tab: each test opens its own). */
const loaded = (root: ShadowRoot | null | undefined) => {
  const panel = root?.querySelector('[role="tabpanel"]');
  const text = root && panel ? openPart(root)?.shadowRoot?.textContent : undefined;
  return panel?.getAttribute('aria-busy') === 'false' && text !== undefined && !text.includes('Loading…');
};

/** Text as read: runs of white space as one space. */
const words = (node: Node) => node.textContent!.replace(/\s+/g, ' ');

type Request_ = { url: string; signal?: AbortSignal | null | undefined };

/** Runs `run` while recording the requests of the page (URL and AbortSignal). */
async function watchingFetch<T>(run: (requests: Request_[]) => Promise<T>): Promise<T> {
  const requests: Request_[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    requests.push({ url: input instanceof Request ? input.url : String(input), signal: init?.signal });
    return realFetch(input, init);
  };
  try {
    return await run(requests);
  } finally {
    window.fetch = realFetch;
  }
}

const buttonNamed = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim().startsWith(text));

async function openTab(root: () => ShadowRoot, name: string) {
  root().querySelector<HTMLButtonElement>(`[role="tab"]#tab-${name}`)!.click();
  await until(
    () => root().querySelector(`#tab-${name}`)!.getAttribute('aria-selected') === 'true' && loaded(root()),
    3000,
    `${name} tab`,
  );
}

describe('<pk-portal-settings>', () => {
  it('tabs by keyboard; sharing a section is saved in one go and shows what customers get (R2, R20)', async () => {
    const { backend, root, part, panel, tabPart } = await settings();
    await openTab(root, 'content');
    const tab = root().querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')!;
    tab.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => root().activeElement?.id === 'tab-people', 1000, 'people tab focused');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => !!panel().querySelector('table'), 3000, 'content again');
    const select = panel().querySelector<HTMLSelectElement>(
      'select[aria-label="Share of section Account data"]',
    )!;
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await tabPart().updateComplete;
    const save = buttonNamed(panel(), 'Save changes (1)')!;
    const changed = oneEvent(part(), 'pk-settings-change');
    save.click();
    expect((await changed).detail.area).to.equal('content');
    expect(backend.store.portals.get('p-northwind')!.sectionShares['s-data']).to.equal(undefined);
    await until(
      () => (panel().querySelector('[role="status"]')?.textContent ?? '').includes('Sharing saved'),
      2000,
      'saved',
    );
    await expect(part()).to.be.accessible();
  });

  it('after Save every control shows what is stored: the changed selects keep View and Edit (R2, R20)', async () => {
    const { backend, root, part, panel, tabPart } = await settings();
    await openTab(root, 'content');
    const select = (label: string) =>
      panel().querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
    const section = select('Share of section Internal planning');
    section.focus();
    await sendKeys({ press: 'ArrowDown' }); // Not shared → View
    const page = select('Share of page Internal roadmap');
    page.focus();
    await sendKeys({ press: 'ArrowDown' }); // As its section → Hidden
    await sendKeys({ press: 'ArrowDown' }); // → View
    await sendKeys({ press: 'ArrowDown' }); // → Edit
    await tabPart().updateComplete;
    const changed = oneEvent(part(), 'pk-settings-change');
    buttonNamed(panel(), 'Save changes (2)')!.click();
    expect((await changed).detail.area).to.equal('content');
    await until(
      () => (panel().querySelector('[role="status"]')?.textContent ?? '').includes('Sharing saved'),
      2000,
      'saved',
    );
    await until(() => loaded(root()), 3000, 'reloaded');
    expect(backend.store.portals.get('p-northwind')!.sectionShares['s-internal']).to.equal('view');
    expect(backend.store.portals.get('p-northwind')!.pageShares['pg-roadmap']).to.equal('edit');
    expect(select('Share of section Internal planning').value).to.equal('view');
    expect(select('Share of page Internal roadmap').value).to.equal('edit');
    expect(buttonNamed(panel(), 'Save changes (0)')!.disabled).to.equal(true);
    // Reopening shows the same.
    await openTab(root, 'people');
    await openTab(root, 'content');
    expect(select('Share of section Internal planning').value).to.equal('view');
    expect(select('Share of page Internal roadmap').value).to.equal('edit');
  });

  it('people: the email clash is shown and fixed, a contact is added, removal asks naming the person (R16, R20)', async () => {
    const { backend, root, part, panel, tabPart } = await settings();
    await openTab(root, 'people');
    expect(panel().textContent).to.contain('Same email as another active user');
    const active = panel().querySelector<HTMLInputElement>(
      'input[aria-label="Erin Ellis (duplicate) is active"]',
    )!;
    active.click();
    await until(
      () => !panel().textContent!.includes('Same email as another active user'),
      3000,
      'clash fixed',
    );
    expect(
      backend.store.portals.get('p-northwind')!.users.find((u) => u.contactId === 'k-nw-erin2')!.active,
    ).to.equal(false);
    const contact = panel().querySelector<HTMLSelectElement>('form select')!;
    contact.value = 'k-nw-frank';
    contact.dispatchEvent(new Event('change'));
    await tabPart().updateComplete;
    buttonNamed(panel(), 'Add user')!.click();
    await until(
      () => (panel().querySelector('tbody')?.textContent ?? '').includes('Frank Fisher'),
      3000,
      'Frank added',
    );
    expect(
      backend.store.portals.get('p-northwind')!.users.some((u) => u.contactId === 'k-nw-frank'),
    ).to.equal(true);
    [...panel().querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === 'Remove Frank Fisher')!
      .click();
    const confirm = panel().querySelector('pk-confirm.remove')!.shadowRoot!;
    const dialog = confirm.querySelector('dialog')!;
    await until(() => dialog.open, 2000, 'confirm');
    expect(dialog.textContent).to.contain('Remove Frank Fisher from this portal?');
    expect(confirm.activeElement?.textContent?.trim(), 'focus starts on Cancel').to.equal('Cancel');
    buttonNamed(dialog, 'Remove')!.click();
    await until(
      () => !backend.store.portals.get('p-northwind')!.users.some((u) => u.contactId === 'k-nw-frank'),
      3000,
      'removed',
    );
    await expect(part()).to.be.accessible();
  });

  it('View as a user and Exit view come back to the same tab, without a new token (R12, R22)', async () => {
    const { portal, root, panel } = await settings();
    await openTab(root, 'people');
    [...panel().querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === 'View as Bob Brennan')!
      .click();
    await until(
      () =>
        (shadow(portal).querySelector('[part="banner"]')?.textContent ?? '').includes(
          'Viewing as Bob Brennan',
        ),
      3000,
      'viewing',
    );
    const exit = [...shadow(portal).querySelectorAll<HTMLButtonElement>('[part="banner"] button')].find((b) =>
      b.textContent!.includes('Exit view'),
    )!;
    exit.click();
    await until(() => !shadow(portal).querySelector('[part="banner"]'), 3000, 'exited');
    expect(portal.page).to.equal('pk-manage');
    const settingsPart = () => deepQueryAll(shadow(portal), 'pk-portal-settings')[0];
    await until(
      () => !!settingsPart()?.shadowRoot?.querySelector('#tab-people[aria-selected="true"]'),
      3000,
      'people tab',
    );
  });

  it('branding: a live preview with its contrast, saved to the portal (R14)', async () => {
    const { backend, root, part, panel, tabPart } = await settings();
    await openTab(root, 'branding');
    const colour = panel().querySelector<HTMLInputElement>('input[type="color"]')!;
    colour.value = '#7a7a7a';
    colour.dispatchEvent(new Event('input'));
    await tabPart().updateComplete;
    const preview = panel().querySelector<HTMLElement>('.preview')!;
    expect(getComputedStyle(preview).color).to.equal('rgb(0, 0, 0)');
    expect(panel().textContent).to.match(/Text contrast 4\.\d:1/);
    buttonNamed(panel(), 'Save colours')!.click();
    await until(
      () => backend.store.portals.get('p-northwind')!.colorOverrides.primary === '#7a7a7a',
      3000,
      'saved',
    );
    await expect(part()).to.be.accessible();
  });

  it('branding: every label on one line above its controls; the way back says what it does (R14)', async () => {
    const { root, part, panel, tabPart } = await settings();
    await openTab(root, 'branding');
    const colour = panel().querySelector<HTMLInputElement>('input[type="color"]')!;
    colour.value = '#7a7a7a';
    colour.dispatchEvent(new Event('input'));
    await tabPart().updateComplete;
    const tops = [...panel().querySelectorAll('.colors label')].map((l) =>
      Math.round(l.getBoundingClientRect().top),
    );
    expect(tops.length).to.equal(3);
    expect(new Set(tops).size, `label tops ${tops}`).to.equal(1);
    const back = buttonNamed(panel(), 'Use template colour')!;
    expect(back.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Use template colour (Brand colour)');
    back.click();
    await tabPart().updateComplete;
    expect(colour.value, 'the colour of the template (Ocean)').to.equal('#1f6feb');
    expect(buttonNamed(panel(), 'Use template colour')).to.equal(undefined);
    await expect(part()).to.be.accessible();
  });

  it('activity and the audit trail, filtered by kind (R15, R23)', async () => {
    const { root, part, panel, tabPart } = await settings();
    await openTab(root, 'activity');
    expect(panel().textContent).to.contain('Last 30 days');
    await openTab(root, 'content');
    const select = panel().querySelector<HTMLSelectElement>('select[aria-label="Share of page Licenses"]')!;
    select.value = 'view';
    select.dispatchEvent(new Event('change'));
    await tabPart().updateComplete;
    buttonNamed(panel(), 'Save changes (1)')!.click();
    await until(
      () => (panel().querySelector('[role="status"]')?.textContent ?? '').includes('Sharing saved'),
      2000,
      'saved',
    );
    await openTab(root, 'audit');
    const list = panel().querySelector('ul[aria-label="Audit trail"]')!;
    expect(words(list)).to.contain('Olivia Ortiz changed the sharing of page Licenses');
    expect(words(list)).to.contain('Shared as: As its section → View');
    await expect(part()).to.be.accessible();
  });

  it('activity: the actions of external users in words, not only page views (R15)', async () => {
    const { backend, root, part, panel } = await settings();
    const alice = await signIn(backend, 'alice');
    await alice.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 42 } });
    await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' });
    await alice.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: 'On it' });
    await alice.post('/activity', {
      events: [{ kind: 'page_view', pageId: 'pg-licenses', at: new Date().toISOString() }],
    });
    await openTab(root, 'content'); // the part opens at the last tab: load the feed afresh
    await openTab(root, 'activity');
    const feed = words(panel().querySelector('ul')!);
    expect(feed).to.contain('Alice Archer viewed Licenses');
    expect(feed).to.contain('Alice Archer commented on task Configure single sign-on');
    expect(feed).to.contain('Alice Archer completed task Import historical data');
    expect(feed).to.match(/Alice Archer updated (License|a License record)/);
    expect(feed).to.match(/Seats: [\d,]+ → 42/);
    await expect(part()).to.be.accessible();
  });

  it('a long audit trail shows 50 entries and older ones on request, keeping focus on the button', async function () {
    // 60 saves first: sized for a busy machine.
    this.timeout(20_000);
    const { backend, root, panel } = await settings();
    const olivia = await signIn(backend, 'olivia');
    for (let i = 0; i < 60; i++)
      await olivia.put('/manage/branding', { overrides: { primary: i % 2 ? '#7a1f1f' : '#1f3a7a' } });
    await openTab(root, 'content');
    await openTab(root, 'audit');
    const entries = () => panel().querySelectorAll('ul[aria-label="Audit trail"] > li').length;
    expect(entries()).to.equal(50);
    const older = buttonNamed(panel(), 'Show older entries')!;
    older.focus();
    older.click();
    await until(() => entries() > 50, 3000, 'older entries');
    expect(entries()).to.be.at.least(60);
    // The last page: the button is gone, and focus is on the first entry it brought.
    expect(buttonNamed(panel(), 'Show older entries')).to.equal(undefined);
    const fifty = () => panel().querySelectorAll('ul[aria-label="Audit trail"] > li')[50];
    await until(() => panel().activeElement === fifty(), 3000, 'focus on the first older entry');
  });

  it('the audit trail in names and words, not ids (R23)', async () => {
    const { backend, root, panel } = await settings();
    const olivia = await signIn(backend, 'olivia');
    await olivia.post('/manage/people', { contactId: 'k-nw-frank', roleId: 'xr-viewer' });
    await olivia.put('/manage/content', {
      sections: { 's-internal': 'view' },
      pages: { 'pg-roadmap': 'edit' },
    });
    await olivia.patch('/manage/people/k-nw-bob', { admin: true });
    await openTab(root, 'content'); // the part opens at the last tab: load the trail afresh
    await openTab(root, 'audit');
    const trail = words(panel().querySelector('ul[aria-label="Audit trail"]')!);
    expect(trail).to.contain('Olivia Ortiz added Frank Fisher as a portal user');
    expect(trail).to.contain('Role: — → Viewer');
    expect(trail).to.contain('Admin: No → Yes');
    expect(trail).to.contain('changed the sharing of page Internal roadmap');
    expect(trail).to.contain('Shared as: As its section → Edit');
    expect(trail).to.contain('changed the sharing of section Internal planning');
    expect(trail).to.contain('Shared as: Not shared → View');
    expect(trail).not.to.match(/k-nw-|xr-|pg-|s-internal/);
  });

  it('a role’s permissions change in words (R21, R23)', async () => {
    const { backend, root, panel } = await settings('ava');
    const ava = await signIn(backend, 'ava');
    const grant = { create: false, view: true, update: false, remove: false, export: true, fields: {} };
    const role = (await ava.post('/manage/roles', { name: 'Auditor' })).body;
    await ava.patch(`/manage/roles/${role.id}`, { models: { License: grant } });
    await openTab(root, 'content'); // the part opens at the last tab: load the trail afresh
    await openTab(root, 'audit');
    const trail = words(panel().querySelector('ul[aria-label="Audit trail"]')!);
    expect(trail).to.contain('Ava Admin changed role Auditor');
    expect(trail).to.contain('Permissions: License gained View, Export');
    expect(trail).not.to.contain('{');
  });

  it('staff whose role only views see the settings read-only (R20)', async () => {
    const { root, panel } = await settings('zoe');
    await openTab(root, 'content');
    expect(root().textContent).to.contain('Your role lets you see these settings, not change them.');
    // Every setting is disabled; only the preview (which changes nothing) stays usable.
    expect(
      [...panel().querySelectorAll<HTMLSelectElement>('select[aria-label^="Share of"]')].every(
        (s) => s.disabled,
      ),
    ).to.equal(true);
    expect(buttonNamed(panel(), 'Save changes')).to.equal(undefined);
  });

  it('previews what external users of one role get: no table of a model they cannot view, no files without file access', async () => {
    const { root, panel, tabPart } = await settings();
    await openTab(root, 'content');
    const got = (title: string) =>
      [...panel().querySelectorAll('tbody tr')]
        .find((tr) => tr.querySelector('td')!.textContent!.trim() === title)!
        .querySelector('.badge')!
        .textContent!.trim();
    expect(got('Shared files')).to.equal('Edit');
    expect(got('Licenses')).to.equal('Edit');
    const preview = panel().querySelector<HTMLSelectElement>('.bar select')!;
    preview.value = 'xr-nofiles';
    preview.dispatchEvent(new Event('change'));
    await tabPart().updateComplete;
    expect(got('Shared files')).to.equal('Not shared');
    expect(got('Licenses')).to.equal('Not shared');
    expect(got('Project tasks')).to.equal('Edit'); // their role views Tasks
  });

  it('by keyboard: a share changed with arrow keys and saved with Enter (R20)', async () => {
    const { backend, root, panel, tabPart } = await settings();
    await openTab(root, 'content');
    const select = panel().querySelector<HTMLSelectElement>('select[aria-label="Share of page Licenses"]')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' }); // "As its section" → "Hidden"
    await tabPart().updateComplete;
    const save = buttonNamed(panel(), 'Save changes (1)')!;
    expect(save, 'one change pending').not.to.equal(undefined);
    save.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      () => backend.store.portals.get('p-northwind')!.pageShares['pg-licenses'] === 'none',
      3000,
      'saved',
    );
  });

  it('at 375 px Content and People are cards, label: value, nothing scrolls sideways', async () => {
    await mockBackend();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 375px"><pk-portal page="pk-manage"></pk-portal></div>`,
    );
    const portal = await signInPortal(wrapper.querySelector('pk-portal')!, 'olivia');
    const part = () => deepQueryAll<PkPortalSettings>(shadow(portal), 'pk-portal-settings')[0]!;
    await until(() => loaded(part()?.shadowRoot), 4000, 'settings');
    const root = () => part().shadowRoot!;
    const panel = () => openPart(root()).shadowRoot!;
    for (const [tab, labels] of [
      ['content', ['Shared as', 'Customers get']],
      ['people', ['Role', 'Active', 'Admin', 'Last seen']],
    ] as const) {
      await openTab(root, tab);
      const scroll = panel().querySelector<HTMLElement>('.scroll')!;
      expect(scroll.scrollWidth, `${tab}: no sideways scroll`).to.be.at.most(scroll.clientWidth);
      const right = part().getBoundingClientRect().right;
      for (const cell of panel().querySelectorAll<HTMLElement>('tbody td'))
        expect(cell.getBoundingClientRect().right, `${tab}: a cell in sight`).to.be.at.most(right + 0.5);
      const row = panel().querySelector('tbody tr')!;
      const shown = [...row.querySelectorAll('td[data-label]')].map((td) =>
        getComputedStyle(td, '::before').content.replace(/^"|"(\s*\/\s*"")?$/g, ''),
      );
      expect(shown, `${tab}: each value has its label`).to.deep.equal(labels);
      await expect(part(), tab).to.be.accessible();
    }
  });

  it('every tab is clean for axe in a 375 px container', async () => {
    const backend = await mockBackend();
    void backend;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 375px"><pk-portal page="pk-manage"></pk-portal></div>`,
    );
    const portal = await signInPortal(wrapper.querySelector('pk-portal')!, 'olivia');
    const part = () => deepQueryAll<PkPortalSettings>(shadow(portal), 'pk-portal-settings')[0]!;
    await until(() => loaded(part()?.shadowRoot), 4000, 'settings');
    for (const tab of ['content', 'people', 'branding', 'activity', 'audit']) {
      await openTab(() => part().shadowRoot!, tab);
      await expect(part(), tab).to.be.accessible();
    }
  });

  it('switching tabs quickly aborts the load of the tab left: no stale answer, no error', async () => {
    const { backend, root, panel } = await settings();
    await openTab(root, 'content');
    await watchingFetch(async (requests) => {
      const people = () => requests.find((r) => r.url.endsWith('/manage/people'));
      backend.configure({ latencyMs: 5000 }); // the people answer would come long after the switch
      root().querySelector<HTMLButtonElement>('#tab-people')!.click();
      await until(() => !!people(), 2000, 'people requested');
      backend.configure({ latencyMs: 0 });
      await openTab(root, 'branding');
      expect(people()!.signal?.aborted, 'the people load is aborted').to.equal(true);
      const invitations = requests.find((r) => r.url.endsWith('/manage/invitations'));
      expect(invitations?.signal?.aborted, 'and its second request').to.equal(true);
      expect(panel().textContent).to.contain('Portal header preview');
      expect(deepQueryAll(root(), '[role="alert"]'), 'an abort is no error').to.have.length(0);
      // Opened again, the tab closed before its first load is busy until it has loaded.
      backend.configure({ latencyMs: 1500 });
      root().querySelector<HTMLButtonElement>('#tab-people')!.click();
      const panelBusy = () => root().querySelector('[role="tabpanel"]')!.getAttribute('aria-busy');
      await until(() => panelBusy() === 'true', 1000, 'people busy');
      backend.configure({ latencyMs: 0 });
      await until(() => loaded(root()), 4000, 'people loaded');
      expect(panel().textContent).to.contain('Who may sign in');
    });
  });
});

describe('a tab of <pk-portal-settings> on its own', () => {
  /** One tab part under a bare context provider with a signed-in API client: no shell, no host. */
  async function alone(tag: string) {
    await mockBackend();
    const client = new PortalApiClient({ apiBase: '/api' });
    await client.exchange(await tokenFor('olivia'));
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(wrapper, { context: apiContext, initialValue: client });
    const tab = document.createElement(tag) as LitElement & { opened: number; busy: boolean };
    wrapper.append(tab);
    return { client, tab, text: () => tab.shadowRoot!.textContent! };
  }

  for (const [tag, shown] of [
    ['pk-settings-content', 'Section or page'],
    ['pk-settings-people', 'Who may sign in'],
    ['pk-settings-branding', 'Portal header preview'],
    ['pk-settings-activity', 'Active end users'],
    ['pk-settings-audit', 'Everything'],
  ] as const)
    it(`${tag} loads only once opened, and shows its settings`, async () => {
      await watchingFetch(async (requests) => {
        const { client, tab, text } = await alone(tag);
        await tab.updateComplete;
        const before = requests.length;
        await new Promise((r) => setTimeout(r, 50));
        expect(requests.length, 'no request while closed').to.equal(before);
        expect(tab.busy).to.equal(true);
        tab.opened = 1;
        await until(() => !tab.busy && text().includes(shown), 3000, shown);
        expect(requests.length).to.be.above(before);
        await expect(tab).to.be.accessible();
        client.dispose();
      });
    });

  it('the Content tab keeps its draft while closed, and loads afresh when opened again', async () => {
    const { client, tab, text } = await alone('pk-settings-content');
    tab.opened = 1;
    await until(() => !tab.busy && text().includes('Section or page'), 3000, 'content');
    const select = tab.shadowRoot!.querySelector<HTMLSelectElement>(
      'select[aria-label="Share of page Licenses"]',
    )!;
    select.value = 'view';
    select.dispatchEvent(new Event('change'));
    await tab.updateComplete;
    expect(buttonNamed(tab.shadowRoot!, 'Save changes (1)')).not.to.equal(undefined);
    await watchingFetch(async (requests) => {
      tab.opened = 0;
      await tab.updateComplete;
      tab.opened = 2;
      await until(() => requests.some((r) => r.url.endsWith('/manage/content')), 2000, 'reloaded');
      await until(() => !tab.busy, 3000, 'loaded');
    });
    expect(buttonNamed(tab.shadowRoot!, 'Save changes (1)'), 'the draft is kept').not.to.equal(undefined);
    client.dispose();
  });
});
