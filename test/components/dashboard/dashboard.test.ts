// <pk-dashboard> (R4): server-computed widgets, every value through the one formatter (#12 item 17).
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/pk-dashboard.js';
import '../../../src/elements/pk-portal.js';
import type { PkPortal } from '../../../src/index.js';
import type { PersonaName } from '../../../server-mock/demo-world.js';
import { mockBackend, signInPortal, until } from '../../helpers/portal.js';

async function dashboard(persona: PersonaName, page: string, locale = 'en') {
  await mockBackend();
  const portal = await fixture<PkPortal>(
    html`<pk-portal locale=${locale}><pk-dashboard page=${page} locale=${locale}></pk-dashboard></pk-portal>`,
  );
  await signInPortal(portal, persona);
  const el = portal.querySelector('pk-dashboard')!;
  await until(() => !!el.shadowRoot!.querySelector('[part="widget"]'), 3000, 'widgets');
  return el;
}

const barLabels = (el: Element, title: string) =>
  [...el.shadowRoot!.querySelectorAll(`[part="widget"][aria-label="${title}"] .bar > span:first-child`)].map(
    (s) => s.textContent!.trim(),
  );

describe('<pk-dashboard>', () => {
  it('a boolean group reads Yes / No, never true / false', async () => {
    const el = await dashboard('alice', 'pg-goals');
    const labels = barLabels(el, 'Goals achieved');
    expect(labels.length).to.be.greaterThan(0);
    for (const label of labels) expect(['Yes', 'No']).to.include(label);
    await expect(el).to.be.accessible();
  });

  it('months of a series are words in the person’s language, not 2025-01', async () => {
    const el = await dashboard('olivia', 'pg-dashboard', 'de');
    const labels = barLabels(el, 'Pipeline by month');
    expect(labels.length).to.be.greaterThan(0);
    for (const label of labels) {
      expect(label).not.to.match(/^\d{4}-\d{2}$/);
      expect(label).to.match(/\d{4}$/);
    }
    const months = new Intl.DateTimeFormat('de', { month: 'short', timeZone: 'UTC' });
    const german = Array.from({ length: 12 }, (_, m) => months.format(Date.UTC(2025, m, 1)));
    for (const label of labels) expect(german.some((m) => label.startsWith(m))).to.equal(true);
  });
});

describe('<pk-dashboard> enum groups and dark theme (#23 item 15)', () => {
  it('an enum group keeps the defined order and shows labels, never raw values', async () => {
    const el = await dashboard('olivia', 'pg-dashboard');
    const labels = barLabels(el, 'Issues by severity');
    const order = ['Low', 'Medium', 'High', 'Critical'];
    expect(labels.length).to.be.greaterThan(2);
    expect(labels).to.deep.equal(order.filter((label) => labels.includes(label)));
    await expect(el).to.be.accessible();
  });

  it('bar tracks take the dark surface in the dark theme, not a light one', async () => {
    await mockBackend();
    const portal = await fixture<PkPortal>(
      html`<pk-portal theme="dark"><pk-dashboard page="pg-goals"></pk-dashboard></pk-portal>`,
    );
    await signInPortal(portal, 'alice');
    const el = portal.querySelector('pk-dashboard')!;
    await until(() => !!el.shadowRoot!.querySelector('.bar'), 3000, 'bars');
    const track = el.shadowRoot!.querySelector('.bar .fill')!.parentElement!;
    const [r, g, b] = getComputedStyle(track).backgroundColor.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!, 'a dark track').to.be.below(3 * 80);
    expect(r! + g! + b!, 'a visible track, not the page itself').to.be.above(0);
  });
});
