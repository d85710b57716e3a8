// <pk-portfolio> in the shell (R22): a staff token naming no portal opens the portfolio; a portal
// opens in the same session and "Portfolio" goes back; search, sort, keyboard, axe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../../src/portalkit.js';
import type { PkPortal } from '../../../src/index.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { tokenFor } from '../../helpers/backend.js';
import { deepQueryAll, mockBackend, shadow, until } from '../../helpers/portal.js';

/** A staff token naming no portal: no pk-ready (there is no portal yet), the portfolio instead. */
async function portfolioPortal() {
  const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
  portal.token = await tokenFor('avaPortfolio');
  return portal;
}

/** The portfolio of a Portal Super Admin over 253 portals (250 more than the demo's): pages of 200. */
async function longPortfolio() {
  const backend = await mockBackend();
  const world = demoWorld();
  const northwind = world.portals.find((p) => p.id === 'p-northwind')!;
  for (let i = 0; i < 250; i++)
    world.portals.push({ ...structuredClone(northwind), id: `p-extra-${i}`, name: `Extra ${i}`, users: [] });
  await backend.reset(world);
  return portfolioPortal();
}

const portfolio = (portal: PkPortal) => deepQueryAll(shadow(portal), 'pk-portfolio')[0];
const rows = (portal: PkPortal) =>
  [...(portfolio(portal)?.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
    tr.querySelector('td')!.textContent!.trim(),
  );

describe('<pk-portfolio>', () => {
  beforeEach(() => mockBackend());

  it('a token naming no portal shows the portfolio, not a portal picked for the staff member', async () => {
    const portal = await portfolioPortal();
    await until(() => rows(portal).length === 3, 3000, 'three portals');
    expect(shadow(portal).querySelector('nav')).to.equal(null);
    expect(shadow(portal).textContent).to.contain('Your portfolio');
    expect(rows(portal)).to.deep.equal(['Globex success hub', 'Initech portal', 'Northwind onboarding']);
    await expect(portal).to.be.accessible();
  });

  it('searches and sorts; opening a portal moves the session into it, and Portfolio comes back', async () => {
    const portal = await portfolioPortal();
    await until(() => rows(portal).length === 3, 3000, 'portals');
    const part = portfolio(portal)!;
    const root = part.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    await sendKeys({ type: 'north' });
    await until(() => rows(portal).length === 1, 2000, 'search');
    expect(root.querySelector('.count')!.textContent).to.contain('1 portal');
    root.querySelector<HTMLInputElement>('input[type="search"]')!.value = '';
    root.querySelector<HTMLInputElement>('input[type="search"]')!.dispatchEvent(new Event('input'));
    await until(() => rows(portal).length === 3, 2000, 'cleared');
    [...root.querySelectorAll<HTMLButtonElement>('th button')]
      .find((b) => b.textContent!.includes('Portal'))!
      .click();
    await until(() => rows(portal)[0] === 'Northwind onboarding', 2000, 'descending');
    expect(root.querySelector('th[aria-sort="descending"]')).not.to.equal(null);

    const opened = oneEvent(portal, 'pk-portal-open');
    const ready = oneEvent(portal, 'pk-ready');
    root.querySelector<HTMLButtonElement>('button[aria-label="Open Globex success hub"]')!.click();
    expect((await opened).detail.portalId).to.equal('p-globex');
    expect((await ready).detail.portal.name).to.equal('Globex success hub');
    await until(() => !!shadow(portal).querySelector('nav'), 2000, 'portal layout');
    const back = [...shadow(portal).querySelectorAll<HTMLButtonElement>('[part="header"] button')].find(
      (b) => b.textContent!.trim() === 'Portfolio',
    )!;
    back.click();
    await until(() => rows(portal).length === 3, 3000, 'portfolio again');
    await expect(portal).to.be.accessible();
  });

  it('a real click on a portal fires pk-portal-open where the host listens (README events)', async () => {
    const portal = await portfolioPortal();
    await until(() => rows(portal).length === 3, 3000, 'portals');
    const heard: string[] = [];
    const listen = (e: Event) => heard.push((e as CustomEvent<{ portalId: string }>).detail.portalId);
    document.addEventListener('pk-portal-open', listen);
    try {
      const button = portfolio(portal)!.shadowRoot!.querySelector<HTMLButtonElement>(
        'button[aria-label="Open Initech portal"]',
      )!;
      const box = button.getBoundingClientRect();
      const ready = oneEvent(portal, 'pk-ready');
      await sendMouse({
        type: 'click',
        position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
      });
      await ready;
      await until(() => heard.length > 0, 2000, 'pk-portal-open at the document');
      expect(heard).to.deep.equal(['p-initech']);
    } finally {
      document.removeEventListener('pk-portal-open', listen);
    }
  });

  it('at 375 px each portal is a card, label: value, and the headers stay as sort buttons', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 375px"><pk-portal></pk-portal></div>`,
    );
    const portal = wrapper.querySelector('pk-portal')!;
    portal.token = await tokenFor('avaPortfolio');
    await until(() => rows(portal).length === 3, 3000, 'portals');
    const part = portfolio(portal)!;
    const root = part.shadowRoot!;
    const scroll = root.querySelector<HTMLElement>('.scroll')!;
    expect(scroll.scrollWidth, 'no sideways scroll').to.be.at.most(scroll.clientWidth);
    const right = part.getBoundingClientRect().right;
    for (const cell of root.querySelectorAll<HTMLElement>('tbody td'))
      expect(cell.getBoundingClientRect().right, 'a cell in sight').to.be.at.most(right + 0.5);
    const company = root.querySelector<HTMLElement>('tbody td[data-label="Company"]')!;
    expect(getComputedStyle(company, '::before').content).to.contain('Company');
    expect(company.getBoundingClientRect().width, 'Company is not cut').to.be.greaterThan(100);
    const sort = [...root.querySelectorAll<HTMLButtonElement>('th button')].find((b) =>
      b.textContent!.includes('Company'),
    )!;
    expect(sort.getBoundingClientRect().width, 'sort buttons stay in sight').to.be.greaterThan(0);
    sort.click();
    await until(
      () => root.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Company') ?? false,
    );
    await expect(portal).to.be.accessible();
  });

  it('a long portfolio: 200 at first, the total counted, more on request with focus kept', async function () {
    this.timeout(20_000);
    const portal = await longPortfolio();
    await until(() => rows(portal).length === 200, 8000, 'first page');
    const root = portfolio(portal)!.shadowRoot!;
    expect(root.querySelector('.count')!.textContent).to.contain('253 portals');
    const more = [...root.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Show more portals'),
    )!;
    more.focus();
    more.click();
    await until(() => rows(portal).length === 253, 8000, 'every portal');
    expect(
      [...root.querySelectorAll('button')].some((b) => b.textContent!.includes('Show more portals')),
    ).to.equal(false);
    // The button is gone: focus is on the first portal it brought.
    const first = () => root.querySelectorAll('tbody tr')[200]?.querySelector('button.open');
    await until(() => root.activeElement === first(), 3000, 'focus on the first new portal');
  });

  it('"Show more" pressed while a new order loads asks in the order shown: no error, the new order shows', async function () {
    this.timeout(20_000);
    const portal = await longPortfolio();
    await until(() => rows(portal).length === 200, 8000, 'first page');
    const root = portfolio(portal)!.shadowRoot!;
    // The order changes; before its first page comes, the old list's button is still there.
    [...root.querySelectorAll<HTMLButtonElement>('th button')]
      .find((b) => b.textContent!.includes('Portal'))!
      .click();
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Show more portals'))!.click();
    await until(() => rows(portal)[0] === 'Northwind onboarding', 8000, 'descending');
    await until(() => !root.querySelector('button[aria-busy="true"]'), 8000, 'the further page answered');
    expect(root.querySelector('[role="alert"]')?.textContent ?? null).to.equal(null);
    expect(rows(portal).length).to.equal(200);
  });
});
