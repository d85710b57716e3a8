// <pk-portal> shell in the browser: navigation (R2), deep links, routing, branding (R14),
// impersonation (R12), composition, several portals, narrow containers, keyboard, axe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ready } from '../../../src/portalkit.js';
import type { PkPortal } from '../../../src/index.js';
import { tokenFor } from '../../helpers/backend.js';
import {
  deepQueryAll,
  deepText,
  mockBackend,
  navLabels,
  page,
  pageText,
  shadow,
  signInPortal,
  until,
} from '../../helpers/portal.js';

const navButton = (portal: PkPortal, label: string) =>
  [...shadow(portal).querySelectorAll<HTMLButtonElement>('nav button')].find(
    (b) => b.textContent!.trim() === label,
  )!;

describe('<pk-portal> shell', () => {
  beforeEach(() => mockBackend());

  it('navigation shows exactly the shared pages, per persona (R2, R6)', async () => {
    const alice = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    expect(navLabels(alice)).to.include.members([
      'Welcome to your portal',
      'Licenses',
      'Shared files',
      'Account dashboard',
    ]);
    expect(navLabels(alice)).not.to.include('Internal roadmap');
    expect(navLabels(alice)).not.to.include('Escalations'); // shared to Northwind with 'none' (R2)
    const carol = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'carol');
    expect(navLabels(carol)).not.to.include('Shared files');
    await expect(alice).to.be.accessible();
  });

  it('navigating fires pk-navigate, updates page, marks the current item and focuses the heading', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    const navigate = oneEvent(portal, 'pk-navigate');
    navButton(portal, 'Account dashboard').click();
    const { detail } = await navigate;
    expect(detail).to.deep.equal({ pageId: 'pg-dashboard', from: 'pg-welcome' });
    expect(portal.getAttribute('page')).to.equal('pg-dashboard');
    await until(() => pageText(portal).includes('Total MRR'), 3000, 'dashboard');
    expect(navButton(portal, 'Account dashboard').getAttribute('aria-current')).to.equal('page');
    await until(() => page(portal).shadowRoot!.activeElement?.tagName === 'H2', 3000, 'focus on heading');
    await expect(portal).to.be.accessible();
  });

  it('pk-navigate can be cancelled by the host', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    portal.addEventListener('pk-navigate', (e) => e.preventDefault());
    navButton(portal, 'Licenses').click();
    await portal.updateComplete;
    expect(portal.page).to.equal('pg-welcome');
  });

  it('deep link: the host sets page before or after sign-in', async () => {
    const portal = await fixture<PkPortal>(html`<pk-portal page="pg-licenses"></pk-portal>`);
    await signInPortal(portal, 'alice');
    expect(portal.page).to.equal('pg-licenses');
    await until(() => pageText(portal).includes('18 records'), 3000, 'licenses');
    portal.page = 'pg-dashboard';
    await until(() => pageText(portal).includes('Total MRR'), 3000, 'dashboard');
  });

  it('a deep link to a page that is not shared falls back to the landing page', async () => {
    const portal = await fixture<PkPortal>(html`<pk-portal page="pg-roadmap"></pk-portal>`);
    await signInPortal(portal, 'alice');
    expect(portal.page).to.equal('pg-welcome');
  });

  it('memory routing never touches the host URL; hash routing keeps the page in location.hash', async () => {
    const before = location.href;
    const memory = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    navButton(memory, 'Licenses').click();
    await memory.updateComplete;
    expect(location.href).to.equal(before);

    const hashed = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal routing="hash"></pk-portal>`),
      'alice',
    );
    navButton(hashed, 'Licenses').click();
    await hashed.updateComplete;
    expect(location.hash).to.equal('#pk-page=pg-licenses');
    location.hash = 'pk-page=pg-dashboard';
    await until(() => hashed.page === 'pg-dashboard', 2000, 'hashchange');
    history.replaceState(null, '', before);
  });

  it('branding: portal colours with a readable text colour (R14)', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    const header = shadow(portal).querySelector<HTMLElement>('[part="header"]')!;
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(20, 83, 45)');
    expect(getComputedStyle(header).color).to.equal('rgb(255, 255, 255)');
    const grace = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'grace');
    const graceHeader = shadow(grace).querySelector<HTMLElement>('[part="header"]')!;
    expect(getComputedStyle(graceHeader).backgroundColor).to.equal('rgb(245, 158, 11)');
    expect(getComputedStyle(graceHeader).color).to.equal('rgb(17, 17, 17)');
  });

  it('a saved setting (pk-settings-change) redraws navigation and brand colour without a reload (#23)', async () => {
    const backend = await mockBackend();
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'ava');
    expect(navLabels(portal)).not.to.include('Internal roadmap');
    const current = portal.page;
    // The landing page is on screen: what it shows is kept, not rebuilt, by the refresh.
    const shown = () => shadow(page(portal)).firstElementChild;
    await until(() => !!shown(), 5000, 'the landing page drawn');
    const before = shown();
    const northwind = backend.store.portals.get('p-northwind')!;
    // What Manage portal saves: a section shared, a brand colour.
    northwind.sectionShares = { ...northwind.sectionShares, 's-internal': 'view' };
    northwind.colorOverrides = { ...northwind.colorOverrides, primary: '#7c3aed' };
    shadow(portal)
      .querySelector('pk-page')!
      .dispatchEvent(
        new CustomEvent('pk-settings-change', { detail: { area: 'content' }, bubbles: true, composed: true }),
      );
    await until(
      () => navLabels(portal).includes('Internal roadmap'),
      3000,
      'the shared section in navigation',
    );
    const header = shadow(portal).querySelector<HTMLElement>('[part="header"]')!;
    await until(
      () => getComputedStyle(header).backgroundColor === 'rgb(124, 58, 237)',
      3000,
      'the new brand colour',
    );
    expect(portal.page).to.equal(current); // the person stays where they were
    expect(shown()).to.equal(before);
  });

  it('theming: --pk-* custom properties and ::part reach inside; dark theme switches surfaces', async () => {
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal style="--pk-color-surface: rgb(1, 2, 3)"></pk-portal>`),
      'alice',
    );
    const base = shadow(portal).querySelector<HTMLElement>('[part="base"]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(1, 2, 3)');
    portal.removeAttribute('style');
    portal.theme = 'dark';
    await portal.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(22, 25, 29)');
    await expect(portal).to.be.accessible();
  });

  it('impersonation: a "Viewing as" banner with Exit view on every page (R12)', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'oliviaAsBob');
    const banner = shadow(portal).querySelector('[part="banner"]')!;
    expect(banner.textContent).to.contain('Viewing as Bob Brennan');
    navButton(portal, 'Licenses').click();
    await portal.updateComplete;
    expect(shadow(portal).querySelector('[part="banner"]')).not.to.equal(null);
    const exit = oneEvent(portal, 'pk-exit-view');
    [...banner.querySelectorAll('button')].find((b) => b.textContent!.includes('Exit view'))!.click();
    expect((await exit).detail.user.id).to.equal('k-nw-bob');
    await expect(portal).to.be.accessible();
  });

  it('after Exit view the host signs staff back in and focus lands on the page, not <body> (#12 item 8)', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'oliviaAsBob');
    // What a host does on pk-exit-view: a fresh token for the staff member.
    portal.addEventListener('pk-exit-view', async () => (portal.token = await tokenFor('olivia')));
    const ready = oneEvent(portal, 'pk-ready');
    const exitButton = [...shadow(portal).querySelectorAll<HTMLButtonElement>('[part="banner"] button')].find(
      (b) => b.textContent!.includes('Exit view'),
    )!;
    exitButton.focus();
    exitButton.click();
    expect((await ready).detail.user.name).to.equal('Olivia Ortiz');
    await until(() => shadow(portal).activeElement?.tagName === 'PK-PAGE', 3000, 'focus in the page');
    expect(document.activeElement).to.equal(portal);
    expect(page(portal).shadowRoot!.activeElement?.tagName).to.equal('H2');
  });

  it('every text on the brand colour keeps AA contrast, the header subtitle included (Initech, #12 item 19)', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'ivan');
    const subtitle = shadow(portal).querySelector<HTMLElement>('.title span')!;
    expect(getComputedStyle(subtitle).opacity).to.equal('1');
    await expect(portal).to.be.accessible();
  });

  it('the portalkit entry registers every part; `ready` resolves once all are defined', async () => {
    await ready;
    for (const tag of [
      'pk-data-table',
      'pk-task-list',
      'pk-file-area',
      'pk-document',
      'pk-picker',
      'pk-contacts',
    ])
      expect(customElements.get(tag), tag).not.to.equal(undefined);
  });

  it('composition: light-DOM parts get the session through context, no default layout', async () => {
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-page page="pg-licenses"></pk-page></pk-portal>`,
    );
    await signInPortal(portal, 'bob');
    expect(shadow(portal).querySelector('nav')).to.equal(null);
    const part = portal.querySelector('pk-page')!;
    await until(() => deepText(part.shadowRoot).includes('18 records'), 3000, 'composed page');
    expect(deepText(part.shadowRoot)).not.to.contain('MRR');
  });

  it('two portals on one page work independently', async () => {
    const container = await fixture<HTMLDivElement>(
      html`<div><pk-portal id="a"></pk-portal><pk-portal id="b"></pk-portal></div>`,
    );
    const [a, b] = [container.querySelector<PkPortal>('#a')!, container.querySelector<PkPortal>('#b')!];
    await Promise.all([signInPortal(a, 'alice'), signInPortal(b, 'grace')]);
    expect(shadow(a).textContent).to.contain('Northwind onboarding');
    expect(shadow(b).textContent).to.contain('Globex success hub');
    navButton(a, 'Licenses').click();
    await a.updateComplete;
    expect(a.page).to.equal('pg-licenses');
    expect(b.page).to.equal('pg-welcome');
  });

  it('narrow container (360 px): navigation collapses behind a Menu button', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 360px"><pk-portal></pk-portal></div>`,
    );
    const portal = await signInPortal(wrapper.querySelector('pk-portal')!, 'alice');
    const nav = shadow(portal).querySelector('nav')!;
    const toggle = shadow(portal).querySelector<HTMLButtonElement>('.menu-toggle')!;
    expect(getComputedStyle(nav).display).to.equal('none');
    expect(getComputedStyle(toggle).display).not.to.equal('none');
    toggle.click();
    await portal.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(nav).display).to.equal('block');
    expect(portal.getBoundingClientRect().width).to.be.at.most(360);
    await expect(portal).to.be.accessible();
  });

  it('narrow menu by keyboard: opening puts focus in the menu, Tab stays in it, Escape closes back to Menu (#12 item 9)', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 360px"><pk-portal></pk-portal></div>`,
    );
    const portal = await signInPortal(wrapper.querySelector('pk-portal')!, 'alice');
    const toggle = shadow(portal).querySelector<HTMLButtonElement>('.menu-toggle')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => shadow(portal).activeElement?.closest('nav') != null, 2000, 'focus in the menu');
    expect(shadow(portal).activeElement!.getAttribute('aria-current')).to.equal('page');
    await sendKeys({ press: 'Tab' });
    expect(shadow(portal).activeElement!.closest('nav'), 'Tab goes to the next menu item').not.to.equal(null);
    expect(shadow(portal).activeElement!.textContent!.trim()).not.to.equal('Sign out');
    await sendKeys({ press: 'Escape' });
    await until(() => shadow(portal).activeElement === toggle, 2000, 'focus back on Menu');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(getComputedStyle(shadow(portal).querySelector('nav')!).display).to.equal('none');
  });

  it('keyboard: arrow keys move through the navigation, Enter opens a page', async () => {
    const portal = await signInPortal(await fixture<PkPortal>(html`<pk-portal></pk-portal>`), 'alice');
    navButton(portal, 'Welcome to your portal').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(portal).activeElement!.textContent!.trim()).to.equal('About this partnership');
    await sendKeys({ press: 'End' });
    expect(shadow(portal).activeElement!.textContent!.trim()).to.equal('People'); // Alice is an Admin (R16)
    await sendKeys({ press: 'ArrowUp' });
    expect(shadow(portal).activeElement!.textContent!.trim()).to.equal('Quarterly review');
    await sendKeys({ press: 'Enter' });
    await portal.updateComplete;
    expect(portal.page).to.equal('pg-review');
  });

  it('HTML pages are sanitised: no script from content runs (R8)', async () => {
    // Content that slipped past the server (an old import): the browser sanitises again.
    const backend = await mockBackend();
    backend.store.pages.get('pg-about')!.html =
      '<h2>How we work</h2><img src="x" onerror="alert(1)"><script>alert("xss")</script>';
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal page="pg-about"></pk-portal>`),
      'alice',
    );
    (window as unknown as { alerted?: boolean }).alerted = false;
    const originalAlert = window.alert;
    window.alert = () => ((window as unknown as { alerted?: boolean }).alerted = true);
    try {
      await until(() => pageText(portal).includes('How we work'), 3000, 'html page');
      await new Promise((r) => setTimeout(r, 100));
      const prose = deepQueryAll(page(portal).shadowRoot!, '.prose')[0]!;
      expect(prose.querySelector('script')).to.equal(null);
      expect(prose.querySelector('img')?.hasAttribute('onerror') ?? false).to.equal(false);
      expect((window as unknown as { alerted?: boolean }).alerted).to.equal(false);
    } finally {
      window.alert = originalAlert;
    }
  });

  it('widgets without access say so and show no number (R4)', async () => {
    const portal = await signInPortal(
      await fixture<PkPortal>(html`<pk-portal page="pg-dashboard"></pk-portal>`),
      'bob',
    );
    await until(() => pageText(portal).includes('Total MRR'), 3000, 'dashboard');
    const mrr = deepQueryAll(page(portal).shadowRoot!, '.widget').find((w) =>
      w.textContent!.includes('Total MRR'),
    )!;
    expect(mrr.textContent).to.contain("Can't show this widget. You have no access");
    expect(mrr.querySelector('.value')).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('locale: German strings for every state and German number formats, back to English', async () => {
    const portal = await fixture<PkPortal>(html`<pk-portal locale="de" page="pg-licenses"></pk-portal>`);
    try {
      await signInPortal(portal, 'alice');
      await until(
        () => navLabels(portal).length > 0 && shadow(portal).textContent!.includes('Abmelden'),
        3000,
        'German shell',
      );
      await until(() => pageText(portal).includes('18 Datensätze'), 3000, 'German table');
      const table = page(portal).shadowRoot!.querySelector('pk-data-table')!;
      const numbers = () =>
        [...table.shadowRoot!.querySelectorAll('[role="gridcell"].number')].map((td) =>
          td.textContent!.trim(),
        );
      await until(() => numbers().length > 0, 3000, 'rows');
      // German groups thousands with a dot: MRR 2,390 reads 2.390.
      expect(
        numbers().some((v) => /^\d{1,3}\.\d{3}$/.test(v)),
        numbers().join(' '),
      ).to.equal(true);
      await expect(portal).to.be.accessible();
    } finally {
      portal.locale = 'en';
      await until(() => shadow(portal).textContent!.includes('Sign out'), 3000, 'English again');
    }
  });

  it('records page views of external users in batches (R15), and none for impersonation', async () => {
    const backend = await mockBackend();
    const portal = await fixture<PkPortal>(html`<pk-portal activity-delay="50"></pk-portal>`);
    await signInPortal(portal, 'alice');
    navButton(portal, 'Licenses').click();
    await portal.updateComplete;
    navButton(portal, 'Account dashboard').click();
    await until(() => backend.store.world.activity.length === 3, 3000, 'three page views');
    expect(backend.store.world.activity.map((a) => a.pageId)).to.deep.equal([
      'pg-welcome',
      'pg-licenses',
      'pg-dashboard',
    ]);
    expect(backend.store.world.activity.every((a) => a.contactId === 'k-nw-alice')).to.equal(true);
    await signInPortal(portal, 'oliviaAsBob');
    navButton(portal, 'Licenses').click();
    await new Promise((r) => setTimeout(r, 200));
    expect(backend.store.world.activity).to.have.length(3);
  });

  it('composition with <pk-section>: exactly the shared pages of that section (R2)', async () => {
    const portal = await fixture<PkPortal>(
      html`<pk-portal><pk-section section="s-data"></pk-section></pk-portal>`,
    );
    await signInPortal(portal, 'bob');
    const section = portal.querySelector('pk-section')!;
    await until(() => deepText(section.shadowRoot).includes('Total MRR'), 3000, 'section pages');
    const pages = [...section.shadowRoot!.querySelectorAll('pk-page')].map((p) => p.getAttribute('page'));
    expect(pages).to.deep.equal(['pg-licenses', 'pg-issues', 'pg-tasks-table', 'pg-dashboard', 'pg-review']);
    expect(section.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Account data');
    await expect(section).to.be.accessible();
  });
});
