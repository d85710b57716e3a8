// R15, R23 through the HTTP contract: every write of an external user acting for themselves is
// activity too (staff and impersonation are not), and the feed and the audit trail name what was
// acted on and what changed — names, not ids — as the reader may see them.
import { expect } from '@open-wc/testing';
import { makeBackend, signIn } from '../../helpers/backend.js';

const pdf = new TextEncoder().encode('%PDF-1.7 hello');

async function upload(client: Awaited<ReturnType<typeof signIn>>, name: string) {
  const response = await client.backend.handle(
    new Request(`http://portal.test/api/files?page=pg-files&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/pdf' },
      body: pdf as unknown as BodyInit,
    }),
  );
  return { status: response.status, body: await response.json() };
}

describe('activity: actions of external users (R15)', () => {
  it('each write of an external user is one activity entry of its audit action, on its object', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const activity = () => backend.store.world.activity.map((e) => [e.contactId, e.kind, e.object?.type]);
    const writes: [string, () => Promise<{ status: number }>, string][] = [
      [
        'record.create',
        () => alice.post('/records/License?page=pg-licenses', { fields: { seats: 3 } }),
        'License',
      ],
      [
        'record.update',
        () => alice.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 42 } }),
        'License',
      ],
      ['record.remove', () => alice.del('/records/License/license-2?page=pg-licenses'), 'License'],
      ['file.upload', () => upload(alice, 'plan.pdf'), 'file'],
      [
        'task.status',
        () => alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' }),
        'task',
      ],
      [
        'comment.create',
        () => alice.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: 'On it' }),
        'task',
      ],
      [
        'document.save',
        () => alice.put('/documents/pg-welcome', { body: '<p>Hi</p>', baseVersion: 1 }),
        'document',
      ],
    ];
    for (const [kind, write, type] of writes) {
      const before = backend.store.world.activity.length;
      const answer = await write();
      expect(answer.status, kind).to.be.oneOf([200, 201]);
      expect(activity().slice(before), kind).to.deep.equal([['k-nw-alice', kind, type]]);
    }
  });

  it('an Admin external user adding a contact is activity too (R15, R16)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const added = await alice.post('/contacts', { name: 'Nia Novak', email: 'nia@northwind.example' });
    expect(added.status).to.equal(201);
    expect(backend.store.world.activity.map((e) => e.kind)).to.deep.equal(['contact.create']);
  });

  it('staff writes, refused writes and a client claiming an action are not activity', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const bob = await signIn(backend, 'bob'); // Viewer: may not change licenses
    await olivia.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 7 } });
    await olivia.put('/manage/content', { pages: { 'pg-goals': 'none' } });
    await bob.patch('/records/License/license-1?page=pg-licenses', { fields: { seats: 8 } });
    const claimed = await bob.post('/activity', {
      events: [{ kind: 'record.update', at: new Date().toISOString() }],
    });
    expect(claimed.status).to.equal(400);
    expect(claimed.body.error.path).to.deep.equal(['events', 0, 'kind']);
    expect(backend.store.world.activity).to.deep.equal([]);
  });

  it('an external user who only acted counts as an active end user (R15)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const olivia = await signIn(backend, 'olivia');
    expect((await olivia.get('/manage/activity')).body.activeEndUsers.d7).to.equal(0);
    await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' });
    await olivia.patch('/manage/people/k-nw-bob', { admin: true });
    const { activeEndUsers } = (await olivia.get('/manage/activity')).body;
    expect(activeEndUsers).to.deep.equal({ d7: 1, d30: 1, d90: 1 });
    expect((await olivia.get('/portfolio')).status).to.equal(200);
  });

  it('the feed names the object and what changed, for the reader', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' });
    await upload(alice, 'x.pdf');
    await alice.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: 'On it' });
    const olivia = await signIn(backend, 'olivia');
    const feed = (await olivia.get('/manage/activity')).body.feed;
    expect(feed.map((e: any) => [e.person, e.kind, e.object?.name])).to.deep.equal([
      ['Alice Archer', 'comment.create', 'Configure single sign-on'],
      ['Alice Archer', 'file.upload', 'x.pdf'],
      ['Alice Archer', 'task.status', 'Import historical data'],
    ]);
    expect(feed[2].changes).to.deep.equal([{ field: 'status', from: 'open', to: 'done' }]);
  });
});

describe('the audit trail in names (R23)', () => {
  it('people, roles, pages and permissions by name; ids stay in the raw changes only', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    await olivia.post('/manage/people', { contactId: 'k-nw-frank', roleId: 'xr-viewer' });
    await olivia.put('/manage/content', { pages: { 'pg-roadmap': 'view', 'pg-licenses': 'none' } });
    await olivia.put('/manage/audience', { kind: 'selected', contactIds: ['k-nw-alice'] });
    const items = (await olivia.get('/manage/audit')).body.items;
    const audience = items.find((e: any) => e.action === 'portal.audience');
    expect(audience.readable).to.deep.equal([
      { field: 'audience', from: 'all', to: 'selected' },
      { field: 'audienceContacts', from: [], to: ['Alice Archer'] },
    ]);
    const roadmap = items.find((e: any) => e.object.id === 'pg-roadmap');
    expect(roadmap.object.name).to.equal('Internal roadmap');
    expect(roadmap.readable).to.deep.equal([{ field: 'share', from: 'section', to: 'view' }]);
    const added = items.find((e: any) => e.action === 'portal_user.add');
    expect(added.object).to.deep.equal({ type: 'contact', id: 'k-nw-frank', name: 'Frank Fisher' });
    expect(added.readable[0]).to.deep.equal({ field: 'roleId', from: null, to: 'Viewer' });
    expect(added.changes[0]).to.deep.equal({ field: 'roleId', from: null, to: 'xr-viewer' });
  });

  it('a role’s permissions change is told as what each model gained and lost', async () => {
    const backend = makeBackend();
    const ava = await signIn(backend, 'ava');
    const grant = { create: false, view: true, update: true, remove: false, export: false, fields: {} };
    const created = (await ava.post('/manage/roles', { name: 'Auditor' })).body;
    await ava.patch(`/manage/roles/${created.id}`, {
      models: { License: { ...grant, fields: { mrr: { view: false, update: false } } } },
    });
    await ava.patch(`/manage/roles/${created.id}`, { models: { License: { ...grant, update: false } } });
    const [second, first] = (await ava.get('/manage/audit?action=role.update')).body.items;
    expect(first.object.name).to.equal('Auditor');
    expect(first.readable).to.deep.equal([
      {
        field: 'models',
        from: null,
        to: null,
        grants: [{ model: 'License', gained: ['view', 'update'], lost: [] }],
      },
    ]);
    // MRR was hidden; now it follows the model again, which only views.
    expect(second.readable[0].grants).to.deep.equal([
      { model: 'License', gained: [], lost: ['update'] },
      { model: 'License', field: 'MRR', gained: ['view'], lost: [] },
    ]);
  });

  it('a record’s enum values in the trail are the labels the table shows (#23 items 5, 15)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const olivia = await signIn(backend, 'olivia');
    const before = backend.store.record('Issue', 'issue-2')!.fields.status;
    const saved = await alice.patch('/records/Issue/issue-2?page=pg-issues', {
      fields: { status: before === 'resolved' ? 'open' : 'resolved' },
    });
    expect(saved.status, saved.text).to.equal(200);
    const entry = (await olivia.get('/manage/audit')).body.items.find(
      (e: any) => e.action === 'record.update',
    );
    const status = entry.readable.find((c: any) => c.field === 'status');
    expect(status.label).to.equal('Status');
    expect([status.from, status.to].sort()).to.deep.equal(['Open', 'Resolved']);
  });
});
