// <pk-portfolio> in the shell (R22): a staff token naming no portal opens the portfolio; a portal
// opens in the same session and "Portfolio" goes back; search, sort, keyboard, axe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/portalkit.js';
import type { PkPortal } from '../../../src/index.js';
import { tokenFor } from '../../helpers/backend.js';
import { deepQueryAll, mockBackend, shadow, until } from '../../helpers/portal.js';

/** A staff token naming no portal: no pk-ready (there is no portal yet), the portfolio instead. */
async function portfolioPortal() {
  const portal = await fixture<PkPortal>(html`<pk-portal></pk-portal>`);
  portal.token = await tokenFor('avaPortfolio');
  return portal;
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

    const opened = oneEvent(part, 'pk-portal-open');
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
});
