// Staff side (R20, R23) through the HTTP contract: who may manage, every change applied to open
// sessions from their next request, refusals change nothing, and the trail records every write.
import { expect } from '@open-wc/testing';
import { exchange, makeBackend, signIn, snapshot, tokenFor } from '../../helpers/backend.js';

const MANAGE_READS = [
  '/manage/content',
  '/manage/people',
  '/manage/invitations',
  '/manage/branding',
  '/manage/activity',
  '/manage/audit',
];

describe('who may manage a portal (R20)', () => {
  it('external users and impersonating staff are refused every management route; nothing changes', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice'); // an Admin external user: still not staff
    const asBob = await signIn(backend, 'oliviaAsBob');
    const before = snapshot(backend);
    for (const [who, code] of [
      [alice, 'forbidden'],
      [asBob, 'read_only_impersonation'],
    ] as const) {
      for (const path of MANAGE_READS) expect((await who.get(path)).body.error?.code, path).to.equal(code);
      const writes = [
        await who.put('/manage/content', { sections: { 's-internal': 'view' } }),
        await who.post('/manage/people', { contactId: 'k-nw-frank', roleId: 'xr-viewer' }),
        await who.patch('/manage/people/k-nw-bob', { active: false }),
        await who.del('/manage/people/k-nw-bob'),
        await who.put('/manage/audience', { kind: 'featured', contactIds: [] }),
        await who.put('/manage/invitations', { ids: [] }),
        await who.put('/manage/branding', { overrides: { primary: '#000000' } }),
      ];
      for (const answer of writes) expect(answer.body.error?.code, answer.text).to.equal(code);
    }
    expect(snapshot(backend)).to.equal(before);
  });

  it('staff whose role has no Customer Portals feature read the settings and change nothing', async () => {
    const backend = makeBackend();
    const zoe = await signIn(backend, 'zoe'); // Support: invited to Globex, no Customer Portals
    expect((await zoe.get('/manage/people')).body.manage).to.equal('view');
    const before = snapshot(backend);
    const refused = await zoe.put('/manage/content', { sections: { 's-welcome': 'view' } });
    expect(refused.body.error.code).to.equal('forbidden');
    expect(snapshot(backend)).to.equal(before);
    const olivia = await signIn(backend, 'olivia');
    expect((await olivia.get('/manage/people')).body.manage).to.equal('edit');
  });

  it('sharing records needs the model’s Update in the staff member’s own role (R20)', async () => {
    const backend = makeBackend();
    const ethan = await signIn(backend, 'ethan'); // Renewals: views every model, updates none
    const refused = await ethan.post('/records/License/share', { ids: ['license-30'], shared: false });
    expect(refused.body.error.code).to.equal('forbidden');
  });
});

describe('content sharing (R2, R20)', () => {
  it('unsharing a section takes its pages out of open sessions at their next request', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const alice = await signIn(backend, 'alice');
    expect((await alice.get('/pages/pg-licenses')).status).to.equal(200);
    const tree = await olivia.put('/manage/content', { sections: { 's-data': null } });
    expect(tree.status, tree.text).to.equal(200);
    const data = tree.body.sections.find((s: any) => s.id === 's-data');
    expect(data.share).to.equal(null);
    expect(data.pages.every((p: any) => p.effective === null)).to.equal(true);
    // Alice's session is the same one: her next request already sees the change.
    expect((await alice.get('/pages/pg-licenses')).status).to.equal(404);
    const nav = (await alice.get('/bootstrap')).body.navigation.flatMap((s: any) =>
      s.pages.map((p: any) => p.id),
    );
    expect(nav).not.to.include('pg-licenses');
  });

  it('a page share overrides its section’s: view section, edit page (and none hides one page)', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const tree = (
      await olivia.put('/manage/content', {
        sections: { 's-data': 'view' },
        pages: { 'pg-licenses': 'edit', 'pg-issues': 'none' },
      })
    ).body;
    const pages = tree.sections.find((s: any) => s.id === 's-data').pages;
    const effective = (id: string) => pages.find((p: any) => p.id === id).effective;
    expect(effective('pg-licenses')).to.equal('edit');
    expect(effective('pg-issues')).to.equal(null);
    expect(effective('pg-dashboard')).to.equal('view');
    const alice = await signIn(backend, 'alice');
    expect((await alice.get('/pages/pg-licenses')).body.access).to.equal('edit');
    expect((await alice.get('/pages/pg-dashboard')).body.access).to.equal('view');
    expect((await alice.get('/pages/pg-issues')).status).to.equal(404);
  });

  it('an unknown section or page refuses the whole change', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    const refused = await olivia.put('/manage/content', {
      sections: { 's-data': null },
      pages: { 'pg-nope': 'view' },
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.contain('pg-nope');
    expect((await olivia.put('/manage/content', { sections: { 's-data': 'admin' } })).status).to.equal(400);
    expect(snapshot(backend)).to.equal(before);
  });
});

describe('portal users (R1, R16, R20)', () => {
  it('adds a contact as a portal user who can then sign in; a contact of another company is not found', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const people = (await olivia.get('/manage/people')).body;
    expect(people.candidates.map((c: any) => c.id)).to.include('k-nw-frank');
    const before = snapshot(backend);
    expect(
      (await olivia.post('/manage/people', { contactId: 'k-gx-grace', roleId: 'xr-viewer' })).status,
    ).to.equal(404);
    expect(
      (await olivia.post('/manage/people', { contactId: 'k-nw-frank', roleId: 'xr-nope' })).status,
    ).to.equal(400);
    expect(
      (await olivia.post('/manage/people', { contactId: 'k-nw-bob', roleId: 'xr-viewer' })).status,
    ).to.equal(400);
    expect(snapshot(backend)).to.equal(before);
    const added = await olivia.post('/manage/people', { contactId: 'k-nw-frank', roleId: 'xr-viewer' });
    expect(added.status, added.text).to.equal(201);
    const frank = await exchange(backend, await tokenFor('bob', { sub: 'k-nw-frank' }));
    expect(frank.status, frank.text).to.equal(200);
  });

  it('a role change, Active off and removal reach the user’s open session at its next request', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const bob = await signIn(backend, 'bob');
    const columns = async () => (await bob.get('/pages/pg-licenses')).body.columns?.map((c: any) => c.name);
    expect(await columns()).not.to.include('mrr');
    expect((await olivia.patch('/manage/people/k-nw-bob', { roleId: 'xr-collab' })).status).to.equal(200);
    expect(await columns()).to.include('mrr');
    expect((await olivia.patch('/manage/people/k-nw-bob', { active: false })).status).to.equal(200);
    // The open session ends at once (the next sign-in would say user_inactive).
    expect((await bob.get('/pages/pg-licenses')).body.error.code).to.equal('session_revoked');
    expect((await exchange(backend, await tokenFor('bob'))).body.error.code).to.equal('user_inactive');
    expect((await olivia.del('/manage/people/k-nw-bob')).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('bob'))).body.error.code).to.equal('no_portal_access');
    expect((await olivia.del('/manage/people/k-nw-bob')).status).to.equal(404);
  });

  it('staff see an email clash and fix it; a change that would create one is refused before it applies (R16)', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const users = (await olivia.get('/manage/people')).body.users;
    const clash = users.filter((u: any) => u.emailClash).map((u: any) => u.contactId);
    expect(clash).to.have.members(['k-nw-erin', 'k-nw-erin2']);
    // Erin cannot sign in; staff deactivate the duplicate and she can (#12 item 3, from the API).
    expect((await exchange(backend, await tokenFor('erin'))).body.error.code).to.equal('email_not_unique');
    expect((await olivia.patch('/manage/people/k-nw-erin2', { active: false })).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('erin'))).status).to.equal(200);
    // Re-activating the duplicate would lock Erin out again: refused, nothing changes.
    const before = snapshot(backend);
    const refused = await olivia.patch('/manage/people/k-nw-erin2', { active: true });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('email_in_use');
    expect(snapshot(backend)).to.equal(before);
  });

  it('audience: featured contacts only, and a foreign contact is refused (R17)', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    expect(
      (await olivia.put('/manage/audience', { kind: 'selected', contactIds: ['k-gx-grace'] })).status,
    ).to.equal(400);
    expect(
      (await olivia.put('/manage/audience', { kind: 'selected', contactIds: ['k-nw-alice'] })).status,
    ).to.equal(200);
    expect((await exchange(backend, await tokenFor('bob'))).body.error.code).to.equal('no_portal_access');
    expect((await exchange(backend, await tokenFor('alice'))).status).to.equal(200);
  });
});

describe('invitations and branding (R14, R17, R20)', () => {
  it('invites only internal users related to the account', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const people = (await olivia.get('/manage/invitations')).body.people;
    expect(people.find((p: any) => p.id === 'u-csm-olivia').relation).to.equal('owner');
    expect(people.find((p: any) => p.id === 'u-mgr-mia').relation).to.equal('follower');
    expect((await olivia.put('/manage/invitations', { ids: ['u-support-zoe'] })).status).to.equal(400);
    // A follower can be invited (Mia also reaches Northwind through her team, R11).
    expect((await olivia.put('/manage/invitations', { ids: ['u-mgr-mia'] })).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('mia', { portal: 'p-northwind' }))).status).to.equal(200);
    const ok = await olivia.put('/manage/invitations', { ids: [] });
    expect(ok.body.people.every((p: any) => !p.invited)).to.equal(true);
  });

  it('a colour override reaches the bootstrap with a readable text colour; null returns to the template', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    expect((await olivia.put('/manage/branding', { overrides: { primary: 'green' } })).status).to.equal(400);
    const set = (await olivia.put('/manage/branding', { overrides: { primary: '#7A7A7A' } })).body;
    expect(set.effective).to.deep.include({ primary: '#7a7a7a', onPrimary: '#000000' });
    expect(set.effective.contrast).to.be.at.least(4.5);
    expect((await signIn(backend, 'alice')).bootstrap.portal.branding.primary).to.equal('#7a7a7a');
    const back = (await olivia.put('/manage/branding', { overrides: { primary: null } })).body;
    expect(back.effective.primary).to.equal('#1f6feb'); // tpl-ocean
  });
});

describe('activity and audit trail (R15, R23)', () => {
  it('every write is in the trail with actor, object and old → new; staff read it, nobody changes it', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const olivia = await signIn(backend, 'olivia');
    await alice.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 42 } });
    await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' });
    await olivia.put('/manage/content', { pages: { 'pg-goals': 'none' } });
    await olivia.patch('/manage/people/k-nw-bob', { admin: true });
    const items = (await olivia.get('/manage/audit')).body.items;
    const actions = items.map((e: any) => e.action);
    expect(actions.slice(0, 4)).to.deep.equal([
      'portal_user.update',
      'page.share',
      'task.status',
      'record.update',
    ]);
    const record = items.find((e: any) => e.action === 'record.update');
    expect(record.actor).to.deep.include({ kind: 'external', id: 'k-nw-alice', name: 'Alice Archer' });
    expect(record.changes).to.deep.equal([{ field: 'seats', from: 675, to: 42 }]);
    expect((await olivia.get('/manage/audit?actor=k-nw-alice')).body.items.length).to.equal(2);
    expect((await olivia.get('/manage/audit?action=portal_user.')).body.items.length).to.equal(1);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'])
      expect((await olivia.raw(method, '/manage/audit', '{}')).status, method).to.equal(404);
  });

  it('a reader sees field changes only of fields their own role may view', async () => {
    const backend = makeBackend();
    backend.store.internalRoles.get('r-csm')!.models.License!.fields.mrr = { view: false, update: false };
    const alice = await signIn(backend, 'alice');
    await alice.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 1, mrr: 2 } });
    const olivia = await signIn(backend, 'olivia');
    const entry = (await olivia.get('/manage/audit?action=record.')).body.items[0];
    expect(entry.changes.map((c: any) => c.field)).to.deep.equal(['seats']);
    const ava = await signIn(backend, 'ava');
    const full = (await ava.get('/manage/audit?action=record.')).body.items[0];
    expect(full.changes.map((c: any) => c.field)).to.have.members(['seats', 'mrr']);
  });

  it('activity: the feed and active end users over 7, 30 and 90 days', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    await alice.post('/activity', {
      events: [{ kind: 'page_view', pageId: 'pg-licenses', at: new Date().toISOString() }],
    });
    const olivia = await signIn(backend, 'olivia');
    const activity = (await olivia.get('/manage/activity')).body;
    expect(activity.activeEndUsers.d7).to.be.at.least(1);
    expect(activity.feed[0]).to.deep.include({ kind: 'page_view', person: 'Alice Archer', page: 'Licenses' });
  });
});

describe('external roles (R21)', () => {
  const grant = { create: false, view: true, update: false, remove: false, export: false, fields: {} };

  it('staff read the roles with who holds them; only Portal Super Admins create, clone, edit, remove', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const list = (await olivia.get('/manage/roles')).body;
    expect(list.canEdit).to.equal(false);
    expect(list.roles.find((r: any) => r.id === 'xr-viewer').holders).to.be.greaterThan(0);
    const before = snapshot(backend);
    expect((await olivia.post('/manage/roles', { name: 'Auditor' })).body.error.code).to.equal('forbidden');
    expect((await olivia.patch('/manage/roles/xr-viewer', { fileAccess: false })).body.error.code).to.equal(
      'forbidden',
    );
    expect(snapshot(backend)).to.equal(before);

    const ava = await signIn(backend, 'ava');
    expect((await ava.get('/manage/roles')).body.canEdit).to.equal(true);
    const created = await ava.post('/manage/roles', { name: 'Auditor', models: { License: grant } });
    expect(created.status, created.text).to.equal(201);
    const clone = await ava.post('/manage/roles', { name: 'Viewer (copy)', cloneOf: 'xr-viewer' });
    expect(clone.body.models.License.fields.mrr).to.deep.equal({ view: false, update: false });
    expect((await ava.post('/manage/roles', { name: 'auditor' })).status, 'names are unique').to.equal(400);
    expect(
      (await ava.post('/manage/roles', { name: 'X', models: { Spaceship: grant } })).body.error.code,
    ).to.equal('bad_request');
    expect(
      (
        await ava.post('/manage/roles', {
          name: 'Y',
          models: { License: { ...grant, fields: { nope: { view: true, update: false } } } },
        })
      ).body.error.code,
    ).to.equal('invalid_field');
    expect((await ava.del(`/manage/roles/${created.body.id}`)).status).to.equal(200);
  });

  it('a role held by portal users is not removed; a change reaches open sessions at their next request', async () => {
    const backend = makeBackend();
    const ava = await signIn(backend, 'ava');
    const refused = await ava.del('/manage/roles/xr-viewer');
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('role_in_use');
    expect(refused.body.error.message).to.contain('Bob Brennan');
    const bob = await signIn(backend, 'bob'); // Viewer: no MRR
    const hasMrr = async () =>
      ((await bob.get('/pages/pg-licenses')).body.columns ?? []).some((c: any) => c.name === 'mrr');
    expect(await hasMrr()).to.equal(false);
    const viewer = (await ava.get('/manage/roles')).body.roles.find((r: any) => r.id === 'xr-viewer');
    const models = { ...viewer.models, License: { ...viewer.models.License, fields: {} } };
    expect((await ava.patch('/manage/roles/xr-viewer', { models })).status).to.equal(200);
    expect(await hasMrr()).to.equal(true);
    const trail = (await ava.get('/manage/audit?action=role.')).body.items;
    expect(trail[0].action).to.equal('role.update');
  });
});
