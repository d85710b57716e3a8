// R22 through the HTTP contract: a staff token naming no portal opens the portfolio, never a
// portal picked for them; opening one and viewing as a user happen in the same session, each
// re-checked (R10, R12); nothing about a portal they may not open reaches them.
import { expect } from '@open-wc/testing';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, makeBackend, tokenFor } from '../../helpers/backend.js';

async function portfolioSession(persona: 'olivia' | 'ava' | 'zoe' | 'mia' = 'olivia') {
  const backend = makeBackend();
  const answer = await exchange(backend, await tokenFor(persona, { portal: undefined }));
  const token = (answer.body as any).session?.token as string;
  const as = <T = any>(method: string, path: string, body?: unknown) =>
    call<T>(backend, method, path, { token, ...(body === undefined ? {} : { body }) });
  return { backend, answer, as };
}

describe('portfolio and switching (R22)', () => {
  it('a staff token with no portal gets a session with no portal — not the first one it may open', async () => {
    const { answer, as } = await portfolioSession();
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    expect((answer.body as any).bootstrap).to.equal(null);
    expect((answer.body as any).staff).to.deep.equal({ id: 'u-csm-olivia', name: 'Olivia Ortiz' });
    expect((await as('GET', '/bootstrap')).body.error.code).to.equal('no_portal_selected');
    expect((await as('GET', '/records/License')).body.error.code).to.equal('no_portal_selected');
  });

  it('lists exactly the portals the user may open (R10, R11), searchable and sortable', async () => {
    const { as } = await portfolioSession('olivia'); // owner of Northwind, co-owner of Globex
    const items = (await as('GET', '/portfolio')).body.items;
    expect(items.map((p: any) => p.id)).to.deep.equal(['p-globex', 'p-northwind']);
    expect(items[1]).to.deep.include({ company: 'Northwind Traders', owner: 'Olivia Ortiz' });
    const ava = await portfolioSession('ava'); // Portal Super Admin: every portal
    const all = (await ava.as('GET', '/portfolio?sort=-name')).body.items.map((p: any) => p.name);
    expect(all).to.deep.equal([...all].sort().reverse());
    expect(all.length).to.equal(3);
    expect((await ava.as('GET', '/portfolio?q=globex')).body.items.map((p: any) => p.id)).to.deep.equal([
      'p-globex',
    ]);
  });

  it('opens a portal it may open; one it may not (or that does not exist) is refused alike', async () => {
    const { as } = await portfolioSession('olivia');
    const refused = await as('POST', '/session/portal', { portalId: 'p-initech' });
    const missing = await as('POST', '/session/portal', { portalId: 'p-nope' });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.equal(missing.text);
    const opened = await as('POST', '/session/portal', { portalId: 'p-northwind' });
    expect(opened.status).to.equal(200);
    expect(opened.body.bootstrap.portal.id).to.equal('p-northwind');
    expect((await as('GET', '/records/License?limit=1')).status).to.equal(200);
    const back = await as('POST', '/session/portal', { portalId: null });
    expect(back.body.bootstrap).to.equal(null);
  });

  it('views the portal as one of its users and exits, in the same session (R12)', async () => {
    const { backend, as } = await portfolioSession('olivia');
    await as('POST', '/session/portal', { portalId: 'p-northwind' });
    expect((await as('POST', '/session/view-as', { contactId: 'k-gx-grace' })).status).to.equal(403);
    const viewing = await as('POST', '/session/view-as', { contactId: 'k-nw-bob' });
    expect(viewing.status, viewing.text).to.equal(200);
    expect(viewing.body.bootstrap.user).to.deep.include({ id: 'k-nw-bob' });
    expect(viewing.body.bootstrap.user.impersonatedBy.id).to.equal('u-csm-olivia');
    const before = JSON.stringify(backend.store.world);
    const write = await as('PUT', '/tasks/tk-sso/status?page=pg-onboarding', { status: 'done' });
    expect(write.body.error.code).to.equal('read_only_impersonation');
    expect(JSON.stringify(backend.store.world)).to.equal(before);
    const exit = await as('DELETE', '/session/view-as');
    expect(exit.body.bootstrap.user).to.deep.include({ kind: 'internal', id: 'u-csm-olivia' });
    expect(exit.body.bootstrap.portal.id).to.equal('p-northwind');
  });

  it('external users have no portfolio and cannot switch', async () => {
    const backend = makeBackend();
    const answer = await exchange(backend, await tokenFor('alice'));
    const token = (answer.body as any).session.token;
    expect((await call(backend, 'GET', '/portfolio', { token })).status).to.equal(403);
    expect(
      (await call(backend, 'POST', '/session/portal', { token, body: { portalId: 'p-globex' } })).status,
    ).to.equal(403);
    expect(
      (await call(backend, 'POST', '/session/view-as', { token, body: { contactId: 'k-nw-bob' } })).status,
    ).to.equal(403);
  });

  it('comes in pages: at most limit portals (100 by default, at most 500), a total, and a cursor', async () => {
    const world = demoWorld();
    const northwind = world.portals.find((p) => p.id === 'p-northwind')!;
    for (let i = 0; i < 250; i++)
      world.portals.push({
        ...structuredClone(northwind),
        id: `p-extra-${String(i).padStart(3, '0')}`,
        name: `Extra ${i}`,
        users: [],
      });
    const backend = makeBackend(world);
    const answer = await exchange(backend, await tokenFor('olivia', { portal: undefined }));
    const token = (answer.body as any).session.token as string;
    const get = (path: string) => call<any>(backend, 'GET', path, { token });
    const seen: string[] = [];
    let cursor: string | null = null;
    let total: number | undefined;
    do {
      const page: any = await get(`/portfolio${cursor ? `?cursor=${cursor}` : ''}`);
      expect(page.status, page.text).to.equal(200);
      expect(page.body.items.length).to.be.at.most(100);
      seen.push(...page.body.items.map((p: any) => p.id));
      total = page.body.total;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(total).to.equal(seen.length);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen).to.include('p-extra-249');
    expect((await get('/portfolio?limit=501')).body.error.code).to.equal('limit_too_large');
    expect((await get('/portfolio?cursor=x')).body.error.path).to.deep.equal(['cursor']);
  });

  it("each page carries its portals' activity figures as the whole list does, in every order", async () => {
    const world = demoWorld();
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const [latest, old] = [ago(1), ago(50)];
    world.activity.push(
      { portalId: 'p-northwind', contactId: 'k-nw-bob', kind: 'page.view', at: ago(40) },
      { portalId: 'p-northwind', contactId: 'k-nw-alice', kind: 'page.view', at: ago(2) },
      { portalId: 'p-northwind', contactId: 'k-nw-bob', kind: 'page.view', at: latest },
      { portalId: 'p-globex', contactId: 'k-gx-grace', kind: 'page.view', at: old },
    );
    const backend = makeBackend(world);
    const answer = await exchange(backend, await tokenFor('ava', { portal: undefined })); // every portal
    const token = (answer.body as any).session.token as string;
    const as = (method: string, path: string) => call<any>(backend, method, path, { token });
    // Ordered by activity, every portal's figures are read; ordered otherwise, only the page's.
    const whole = (await as('GET', '/portfolio?sort=-activeEndUsers&limit=500')).body.items;
    expect(whole.map((p: any) => [p.id, p.activeEndUsers, p.lastActivity])).to.deep.equal([
      ['p-northwind', 2, latest],
      ['p-initech', 0, null], // ties in the reverse order of ids, as the order is reversed
      ['p-globex', 0, old],
    ]);
    const figures = new Map(whole.map((p: any) => [p.id, p]));
    for (const sort of ['name', '-company', 'owner', 'lastActivity']) {
      const pages: any[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await as(
          'GET',
          `/portfolio?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        pages.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages.length, sort).to.equal(whole.length);
      for (const row of pages) expect(row, sort).to.deep.equal(figures.get(row.id));
    }
  });

  it('pages by keyset: a portal added before the cursor moves no portal into the next page again', async () => {
    const world = demoWorld();
    const northwind = world.portals.find((p) => p.id === 'p-northwind')!;
    const extra = (id: string, name: string) => ({ ...structuredClone(northwind), id, name, users: [] });
    for (let i = 0; i < 5; i++) world.portals.push(extra(`p-extra-${i}`, `Extra ${i}`));
    const backend = makeBackend(world);
    const answer = await exchange(backend, await tokenFor('ava', { portal: undefined }));
    const token = (answer.body as any).session.token as string;
    const get = (path: string) => call<any>(backend, 'GET', path, { token });
    const before = (await get('/portfolio?limit=500')).body.items.map((p: any) => p.id);
    const first = await get('/portfolio?limit=3');
    // Meanwhile a portal that sorts first: an offset would show the first page's last portal again.
    backend.store.applyEntity('portals', 'p-aaa', extra('p-aaa', 'AAA first'));
    const seen: string[] = first.body.items.map((p: any) => p.id);
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await get(`/portfolio?limit=3&cursor=${cursor}`);
      expect(page.status, page.text).to.equal(200);
      seen.push(...page.body.items.map((p: any) => p.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).to.deep.equal(before);
    // A cursor is read in the order it was made for; an order not offered is named.
    const other = await get(`/portfolio?sort=-name&cursor=${first.body.nextCursor}`);
    expect([other.status, other.body.error.path]).to.deep.equal([400, ['cursor']]);
    const cursor64 = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const bad of [
      { s: 'name', k: 5, i: 'p-globex' },
      { s: 'name', k: null, i: 'p-globex' },
      { s: 'activeEndUsers', k: 'many', i: 'p-globex' },
      { s: 'name', i: 'p-globex' },
      ['name', 'Globex', 'p-globex'],
    ]) {
      const sort = (bad as { s?: string }).s ?? 'name';
      const refused = await get(`/portfolio?sort=${sort}&cursor=${cursor64(bad)}`);
      expect([refused.status, refused.body.error?.path], JSON.stringify(bad)).to.deep.equal([
        400,
        ['cursor'],
      ]);
    }
    // A cursor whose portal is gone goes on from where that portal was.
    const gone = await get(`/portfolio?cursor=${cursor64({ s: 'name', k: 'Extra 1z', i: 'p-gone' })}`);
    expect(gone.body.items.map((p: any) => p.id)).to.deep.equal(before.slice(before.indexOf('p-extra-2')));
    const unknown = await get('/portfolio?sort=tier');
    expect([unknown.status, unknown.body.error.path]).to.deep.equal([400, ['sort']]);
  });
});
