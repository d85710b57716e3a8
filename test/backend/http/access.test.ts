// R2 (sharing of sections and pages), R10/R11 (internal access, portfolio), R12 (impersonation),
// R14 (branding) and R17 (audience) through the HTTP contract.
import { expect } from '@open-wc/testing';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { call, exchange, makeBackend, signIn, tokenFor } from '../../helpers/backend.js';

const pageIds = (bootstrap: any) => bootstrap.navigation.flatMap((s: any) => s.pages.map((p: any) => p.id));

describe('navigation and pages (R2)', () => {
  it('holds exactly the shared sections and pages; a page share "none" hides one page of a shared section', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const ids = pageIds(alice.bootstrap);
    expect(ids).to.include.members([
      'pg-welcome',
      'pg-about',
      'pg-onboarding',
      'pg-licenses',
      'pg-dashboard',
      'pg-files',
    ]);
    expect(ids).not.to.include('pg-escalations');
    expect(ids).not.to.include('pg-roadmap');
    expect(alice.bootstrap.navigation.map((s: any) => s.title)).not.to.include('Internal planning');
  });

  it('a page share overrides its section access; a page can be shared alone', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const page = (id: string) =>
      alice.bootstrap.navigation.flatMap((s: any) => s.pages).find((p: any) => p.id === id);
    expect(page('pg-welcome').access).to.equal('edit'); // section s-welcome is view
    expect(page('pg-about').access).to.equal('view');
    const grace = await signIn(makeBackend(), 'grace');
    expect(pageIds(grace.bootstrap)).to.include('pg-welcome'); // shared alone: s-welcome is not shared to Globex
    expect(pageIds(grace.bootstrap)).not.to.include('pg-about');
  });

  it('unshared pages are not served: not_found, the same as a page that does not exist', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const hidden = await alice.get('/pages/pg-roadmap');
    const perPage = await alice.get('/pages/pg-escalations');
    const missing = await alice.get('/pages/pg-nope');
    expect(hidden.status).to.equal(404);
    expect(hidden.text).to.equal(missing.text);
    expect(perPage.text).to.equal(missing.text);
    expect((await alice.get('/documents/pg-roadmap')).text).to.equal(missing.text);
  });

  it('a table page lists only viewable columns (R3): Bob has no MRR column, Alice has', async () => {
    const backend = makeBackend();
    const columns = async (who: 'alice' | 'bob') =>
      (await (await signIn(backend, who)).get('/pages/pg-licenses')).body.columns.map((c: any) => c.name);
    expect(await columns('alice')).to.deep.equal(['product', 'seats', 'mrr', 'renewal', 'autoRenew']);
    expect(await columns('bob')).to.deep.equal(['product', 'seats', 'renewal', 'autoRenew']);
  });
});

describe('branding (R14)', () => {
  it('template colours, overridden per portal, with a readable text colour', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    expect(alice.bootstrap.portal.branding).to.deep.include({
      primary: '#14532d',
      accent: '#0f766e',
      onPrimary: '#ffffff',
    });
    const grace = await signIn(makeBackend(), 'grace');
    expect(grace.bootstrap.portal.branding).to.deep.include({ primary: '#f59e0b', onPrimary: '#111111' });
    expect(alice.bootstrap.tenant.name).to.equal('Acme Cloud');
  });
});

describe('internal access (R10, R11)', () => {
  const opens = async (persona: Parameters<typeof tokenFor>[0], portal: string, world = demoWorld()) =>
    (await exchange(makeBackend(world), await tokenFor(persona, { portal }))).status === 200;

  it('Portal Super Admin opens every portal', async () => {
    for (const portal of ['p-northwind', 'p-globex', 'p-initech'])
      expect(await opens('ava', portal), portal).to.equal(true);
  });

  it('invited users open the portal even without the Customer Portals feature', async () => {
    expect(await opens('zoe', 'p-globex')).to.equal(true);
    expect(await opens('zoe', 'p-northwind')).to.equal(false);
  });

  it('Only my portfolio: owner or co-owner companies', async () => {
    expect(await opens('liam', 'p-globex')).to.equal(true);
    expect(await opens('liam', 'p-northwind')).to.equal(false);
    expect(await opens('olivia', 'p-globex')).to.equal(true); // co-owner
    expect(await opens('olivia', 'p-initech')).to.equal(false);
  });

  it('Team access: companies owned or co-owned by members of teams the user manages', async () => {
    expect(await opens('mia', 'p-globex')).to.equal(true);
    expect(await opens('mia', 'p-northwind')).to.equal(true);
    expect(await opens('mia', 'p-initech')).to.equal(false);
  });

  it('Filter based: conditions ANDed (Phase = Renewal AND Region = Americas)', async () => {
    expect(await opens('ethan', 'p-globex')).to.equal(true);
    expect(await opens('ethan', 'p-initech')).to.equal(false); // Renewal but EMEA
    expect(await opens('ethan', 'p-northwind')).to.equal(false);
  });

  it('Extended groups: one company of a parent/child group gives the whole group', async () => {
    expect(await opens('noah', 'p-northwind')).to.equal(true); // owns Northwind Europe, child of Northwind
    const world = demoWorld();
    world.internalRoles.find((r) => r.id === 'r-csm-ext')!.portfolio.extendedGroups = false;
    expect(await opens('noah', 'p-northwind', world)).to.equal(false);
  });

  it('without the Customer Portals feature, portfolio alone does not open a portal', async () => {
    const world = demoWorld();
    world.internalRoles.find((r) => r.id === 'r-csm')!.customerPortals = false;
    expect(await opens('liam', 'p-globex', world)).to.equal(false);
  });

  it('an inactive internal user is refused', async () => {
    const world = demoWorld();
    world.internalUsers.find((u) => u.id === 'u-admin-ava')!.active = false;
    const answer = await exchange(makeBackend(world), await tokenFor('ava'));
    expect(answer.body.error.code).to.equal('user_inactive');
  });
});

describe('audience (R17)', () => {
  it('featured-contacts portals admit featured contacts only; selected portals the listed ones', async () => {
    expect((await exchange(makeBackend(), await tokenFor('ivan'))).status).to.equal(200);
    expect((await exchange(makeBackend(), await tokenFor('judy'))).body.error.code).to.equal(
      'no_portal_access',
    );
    const world = demoWorld();
    world.portals.find((p) => p.id === 'p-initech')!.audience = {
      kind: 'selected',
      contactIds: ['k-in-judy'],
    };
    expect((await exchange(makeBackend(world), await tokenFor('judy'))).status).to.equal(200);
    expect((await exchange(makeBackend(world), await tokenFor('ivan'))).body.error.code).to.equal(
      'no_portal_access',
    );
  });
});

describe('impersonation (R12)', () => {
  it('sees exactly what the user sees: same navigation, same records, same fields', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const asBob = await signIn(backend, 'oliviaAsBob');
    expect(asBob.bootstrap.navigation).to.deep.equal(
      bob.bootstrap.navigation.map((s: any) => ({
        ...s,
        pages: s.pages.map((p: any) => ({ ...p, access: 'view' })),
      })),
    );
    expect(asBob.bootstrap.user).to.deep.equal({
      ...bob.bootstrap.user,
      impersonatedBy: { id: 'u-csm-olivia', name: 'Olivia Ortiz' },
    });
    for (const path of [
      '/records/License?limit=500',
      '/records/Issue?limit=500',
      '/tasks',
      '/files',
      '/pages/pg-dashboard',
    ]) {
      expect((await asBob.get(path)).text, path).to.equal(
        (await bob.get(path)).text
          .replace(/"canComplete":true/g, '"canComplete":false')
          .replace(/"access":"edit"/g, '"access":"view"'),
      );
    }
  });

  it('is read-only: every write is refused with read_only_impersonation and changes nothing', async () => {
    const backend = makeBackend();
    const asAlice = await signIn(backend, 'oliviaAsBob');
    const before = JSON.stringify(backend.store.world);
    const writes = [
      await asAlice.put('/tasks/tk-sso/status?page=pg-onboarding', { status: 'done' }),
      await asAlice.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: 'hello' }),
      await asAlice.put('/documents/pg-welcome', { body: '<p>x</p>', baseVersion: 1 }),
    ];
    for (const answer of writes)
      expect(answer.body.error.code, answer.text).to.equal('read_only_impersonation');
    expect(JSON.stringify(backend.store.world)).to.equal(before);
    expect(asAlice.bootstrap.can.write).to.equal(false);
  });

  it('impersonating a collaborator refuses record writes too', async () => {
    const backend = makeBackend();
    const token = await tokenFor('alice', { act: { sub: 'u-csm-olivia' } });
    const session = (await exchange(backend, token)).body.session.token;
    const before = JSON.stringify(backend.store.world);
    const patch = await call(backend, 'PATCH', '/records/License/license-1?page=pg-licenses', {
      token: session,
      body: { fields: { seats: 1 } },
    });
    const create = await call(backend, 'POST', '/records/Issue?page=pg-issues', {
      token: session,
      body: { fields: { title: 'x' } },
    });
    const remove = await call(backend, 'DELETE', '/records/Issue/issue-1?page=pg-issues', { token: session });
    for (const answer of [patch, create, remove])
      expect(answer.body.error.code).to.equal('read_only_impersonation');
    expect(JSON.stringify(backend.store.world)).to.equal(before);
  });
});
