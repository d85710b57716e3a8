// Several portals on one page (#15): two <pk-portal> for two principals share no session, no
// cached data and no context — each request carries its own portal's session, each table shows its
// own company's records, and signing out of one leaves the other working.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PkPortal } from '../../../src/index.js';
import { ready } from '../../../src/portalkit.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { mockBackend, navLabels, pageText, shadow, signInPortal, until } from '../../helpers/portal.js';

const navButton = (portal: PkPortal, label: string) =>
  [...shadow(portal).querySelectorAll<HTMLButtonElement>('nav button')].find(
    (b) => b.textContent!.trim() === label,
  )!;

/** Products of the licenses shared to a portal (and to no other portal of this test). */
function productsOf(portalId: string, other: string): string[] {
  const licenses = demoWorld().records.License!;
  const elsewhere = new Set(licenses.filter((r) => r.portalIds.includes(other)).map((r) => r.fields.product));
  return licenses
    .filter((r) => r.portalIds.includes(portalId))
    .map((r) => String(r.fields.product))
    .filter((p) => !elsewhere.has(p));
}

describe('several portals on one page', () => {
  it('share no session, data or context; signing out of one leaves the other working', async () => {
    await ready;
    const backend = await mockBackend();
    const seen: { path: string; session: string }[] = [];
    const handle = backend.handle.bind(backend);
    backend.handle = async (request: Request, basePath?: string) => {
      seen.push({
        path: new URL(request.url).pathname,
        session: request.headers.get('authorization') ?? '',
      });
      return handle(request, basePath);
    };
    try {
      const container = await fixture<HTMLDivElement>(
        html`<div>
          <pk-portal id="a" activity-delay="60000"></pk-portal
          ><pk-portal id="b" activity-delay="60000"></pk-portal>
        </div>`,
      );
      const a = container.querySelector<PkPortal>('#a')!;
      const b = container.querySelector<PkPortal>('#b')!;
      await Promise.all([signInPortal(a, 'alice'), signInPortal(b, 'grace')]);
      expect(navLabels(b)).to.include('Licenses');

      navButton(a, 'Licenses').click();
      navButton(b, 'Licenses').click();
      const northwind = productsOf('p-northwind', 'p-globex');
      const globex = productsOf('p-globex', 'p-northwind');
      expect(northwind.length && globex.length).to.be.greaterThan(0);
      await until(() => northwind.some((p) => pageText(a).includes(p)), 5000, "Northwind's licenses");
      await until(() => globex.some((p) => pageText(b).includes(p)), 5000, "Globex's licenses");
      // Each table holds only its own company's records.
      expect(globex.filter((p) => pageText(a).includes(p))).to.deep.equal([]);
      expect(northwind.filter((p) => pageText(b).includes(p))).to.deep.equal([]);

      // Two sessions, each request with exactly one of them.
      const sessions = new Set(seen.filter((r) => r.session).map((r) => r.session));
      expect(sessions.size).to.equal(2);

      // Signing out of one ends only its session: the other keeps working.
      const signedOut = oneEvent(a, 'pk-sign-out');
      [...shadow(a).querySelectorAll('button')].find((x) => x.textContent!.trim() === 'Sign out')!.click();
      await signedOut;
      navButton(b, 'Account dashboard').click();
      await until(() => pageText(b).includes('Total MRR'), 5000, "the other portal's dashboard");
      expect(shadow(b).textContent).not.to.contain('You have signed out');
      expect(shadow(a).textContent).to.contain('You have signed out');
    } finally {
      backend.handle = handle;
    }
  });
});
