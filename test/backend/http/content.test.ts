// R4 (widgets), R6 (files), R7 (tasks), R8 (documents), R9 (mentions), R15 (activity),
// R16 (self-service contacts) through the HTTP contract.
import { expect } from '@open-wc/testing';
import { activeEndUsers } from '../../../backend/src/rules/manage/people.js';
import { makeBackend, signIn, snapshot, workSharedToView } from '../../helpers/backend.js';
import { SAMPLE_FILES } from '../../helpers/files.js';

const widget = async (who: Awaited<ReturnType<typeof signIn>>, id: string) =>
  (await who.get('/pages/pg-dashboard')).body.widgets.find((w: any) => w.id === id).result;

describe('widgets (R4)', () => {
  it('aggregate only records shared to the portal', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const shared = backend.store.world.records.License!.filter(
      (r) => r.companyId === 'c-northwind' && r.portalIds.includes('p-northwind'),
    );
    expect(await widget(alice, 'w-licenses')).to.deep.equal({
      status: 'ok',
      kind: 'count',
      value: shared.length,
    });
    const mrr = shared.reduce((s, r) => s + (r.fields.mrr as number), 0);
    expect((await widget(alice, 'w-mrr')).value).to.equal(mrr);
  });

  it('a field the role may not view: "no access" and no number is sent', async () => {
    const bob = await signIn(makeBackend(), 'bob');
    const result = await widget(bob, 'w-mrr');
    expect(result).to.deep.equal({
      status: 'no_access',
      message: "Can't show this widget. You have no access",
    });
    expect(await widget(bob, 'w-hours')).to.deep.equal({
      status: 'no_access',
      message: "Can't show this widget. You have no access",
    });
    expect((await widget(bob, 'w-licenses')).status).to.equal('ok');
  });

  it('a model the role may not view: "no access"', async () => {
    const carol = await signIn(makeBackend(), 'carol');
    expect((await widget(carol, 'w-licenses')).status).to.equal('no_access');
    expect((await widget(carol, 'w-severity')).status).to.equal('ok');
  });
});

describe('tables of a model the role may not view (R3, R2)', () => {
  it('are left out of navigation and answer not_found, like an unshared page', async () => {
    const carol = await signIn(makeBackend(), 'carol');
    const pages = carol.bootstrap.navigation.flatMap((s: any) => s.pages.map((p: any) => p.id));
    expect(pages).not.to.include('pg-licenses');
    expect(pages).to.include('pg-issues');
    const page = await carol.get('/pages/pg-licenses');
    expect(page.status).to.equal(404);
    expect(page.text).to.equal((await carol.get('/pages/pg-never')).text);
  });
});

describe('files (R6)', () => {
  it('without File Download / Upload Access: no files page, every file route refused', async () => {
    const carol = await signIn(makeBackend(), 'carol');
    const pages = carol.bootstrap.navigation.flatMap((s: any) => s.pages.map((p: any) => p.id));
    expect(pages).not.to.include('pg-files');
    expect(carol.bootstrap.can.files).to.equal(false);
    for (const path of ['/files', '/files/f-welcome/content', '/files/nope/content']) {
      const answer = await carol.get(path);
      expect(answer.status, path).to.equal(403);
      expect(answer.body.error.code, path).to.equal('no_file_access');
    }
  });

  it('lists and downloads only files shared to that portal', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const names = (await alice.get('/files')).body.items.map((f: any) => f.name);
    expect(names.sort()).to.deep.equal(['SAML metadata.txt', 'Welcome pack.pdf']);
    const download = await alice.get('/files/f-welcome/content');
    expect(download.status).to.equal(200);
    expect(download.text).to.contain('%PDF-1.4');
    const otherPortal = await alice.get('/files/f-globex/content');
    const unshared = await alice.get('/files/f-pricing/content');
    expect(otherPortal.status).to.equal(404);
    expect(otherPortal.text).to.equal(unshared.text);
  });
});

describe('tasks (R7) and mentions (R9)', () => {
  it('only tasks marked Shared in Portal, of workflows shared to the portal, plus shared ad-hoc tasks', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const { body } = await alice.get('/tasks');
    expect(body.workflows.map((w: any) => w.id)).to.deep.equal(['wf-onboarding']);
    expect(body.workflows[0].tasks.map((t: any) => t.id)).to.deep.equal([
      'tk-kickoff',
      'tk-sso',
      'tk-import',
      'tk-training',
    ]);
    expect(body.adHoc.map((t: any) => t.id)).to.deep.equal(['tk-adhoc']);
    const unshared = await alice.get('/tasks/tk-margin/comments');
    const otherWorkflow = await alice.get('/tasks/tk-qbr/comments');
    expect(unshared.status).to.equal(404);
    expect(otherWorkflow.text).to.equal(unshared.text);
  });

  it('an external owner completes their own tasks; others need Task Update', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    expect(
      (await bob.put('/tasks/tk-sso/status?page=pg-onboarding', { status: 'done' })).body.status,
    ).to.equal('done');
    const refused = await bob.put('/tasks/tk-training/status?page=pg-onboarding', { status: 'done' });
    expect(refused.body.error.code).to.equal('forbidden');
    expect(backend.store.tasks.get('tk-training')!.status).to.equal('open');
    const alice = await signIn(backend, 'alice'); // Task Update
    expect(
      (await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'done' })).status,
    ).to.equal(200);
    expect(
      (await alice.put('/tasks/tk-import/status?page=pg-onboarding', { status: 'finished' })).body.error.code,
    ).to.equal('bad_request');
    const tasks = (await bob.get('/tasks')).body.workflows[0].tasks;
    expect(tasks.find((t: any) => t.id === 'tk-sso').canComplete).to.equal(true);
    expect(tasks.find((t: any) => t.id === 'tk-training').canComplete).to.equal(false);
  });

  it('mentions offer the portal external users and invited internal users, and no one else', async () => {
    const bob = await signIn(makeBackend(), 'bob');
    const people = (await bob.get('/mentionable')).body.items.map((p: any) => `${p.kind}:${p.id}`);
    expect(people).to.include.members(['external:k-nw-alice', 'external:k-nw-bob', 'internal:u-csm-olivia']);
    expect(people).not.to.include('external:k-gx-grace');
    expect(people).not.to.include('internal:u-admin-ava');
    expect(people).not.to.include('external:k-nw-dan'); // inactive
  });

  it('comments: mentions outside R9 are refused and nothing is stored; HTML is stored as text', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const before = snapshot(backend);
    const outsider = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', {
      body: 'hi @Grace',
      mentions: [{ kind: 'external', id: 'k-gx-grace' }],
    });
    expect(outsider.body.error.code).to.equal('mention_not_allowed');
    const admin = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', {
      body: 'hi',
      mentions: [{ kind: 'internal', id: 'u-admin-ava' }],
    });
    expect(admin.body.error.code).to.equal('mention_not_allowed');
    expect(snapshot(backend)).to.equal(before);
    // R8: a comment holding markup that would run is refused, naming it, and nothing is stored;
    // everything else is kept exactly as typed, harmless markup and plain "<" included (#23 item 1).
    const hostile = 'Look <img src=x onerror=alert(1)><script>alert(2)</script>here: 1 < 2';
    const refused = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: hostile });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('markup_not_allowed');
    expect(refused.body.error.path).to.deep.equal(['body']);
    expect(refused.body.error.message).to.contain('an event handler (onerror)');
    expect(snapshot(backend)).to.equal(before);
    const ok = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', {
      body: 'Look <b>here</b>: 1 < 2',
      mentions: [{ kind: 'internal', id: 'u-csm-olivia' }],
    });
    expect(ok.status).to.equal(201);
    const list = (await bob.get('/tasks/tk-sso/comments')).body.items;
    expect(list.at(-1).body).to.equal('Look <b>here</b>: 1 < 2');
    const typed = 'Seats must be <500 and >100; use <Enter> to confirm. a<b and c>d';
    expect((await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: typed })).body.body).to.equal(
      typed,
    );
    const blank = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: '  \n ' });
    expect(blank.body.error.code).to.equal('bad_request');
    expect(list.at(-1).mentions).to.deep.equal([
      { kind: 'internal', id: 'u-csm-olivia', name: 'Olivia Ortiz' },
    ]);
  });

  it('vendor staff see unmarked tasks of shared workflows, share them and assign them (R7)', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const bob = await signIn(backend, 'bob');
    const staffView = (await olivia.get('/tasks')).body.workflows[0].tasks;
    expect(staffView.find((t: any) => t.id === 'tk-margin').sharedInPortal).to.equal(false);
    expect((await bob.get('/tasks/tk-margin/comments')).status).to.equal(404);
    expect((await olivia.patch('/tasks/tk-margin', { sharedInPortal: true })).body.sharedInPortal).to.equal(
      true,
    );
    expect((await bob.get('/tasks')).body.workflows[0].tasks.map((t: any) => t.id)).to.include('tk-margin');
    const assigned = await olivia.patch('/tasks/tk-margin', { owner: { kind: 'external', id: 'k-nw-bob' } });
    expect(assigned.body.owner).to.deep.equal({ kind: 'external', id: 'k-nw-bob', name: 'Bob Brennan' });
    expect((await bob.put('/tasks/tk-margin/status?page=pg-onboarding', { status: 'done' })).status).to.equal(
      200,
    ); // now Bob's own
  });

  it('assigning refuses people outside the portal; external users may not manage tasks', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    expect(
      (await olivia.patch('/tasks/tk-sso', { owner: { kind: 'external', id: 'k-gx-grace' } })).body.error
        .code,
    ).to.equal('invalid_value');
    expect((await alice.patch('/tasks/tk-sso', { sharedInPortal: false })).body.error.code).to.equal(
      'forbidden',
    );
    expect((await olivia.patch('/tasks/tk-sso', { sharedInPortal: 'yes' })).body.error.code).to.equal(
      'bad_request',
    );
    expect((await olivia.patch('/tasks/tk-globex', { sharedInPortal: false })).status).to.equal(404);
    expect(snapshot(backend)).to.equal(before);
  });

  it('commenting needs the role permission', async () => {
    const carol = await signIn(makeBackend(), 'carol');
    expect(
      (await carol.post('/tasks/tk-adhoc/comments?page=pg-onboarding', { body: 'hi' })).body.error.code,
    ).to.equal('forbidden');
  });
});

describe('documents (R8)', () => {
  it('edit access saves; a stale base version is refused with version_conflict and nothing is overwritten', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const doc = (await alice.get('/documents/pg-welcome')).body;
    const saved = await alice.put('/documents/pg-welcome', { body: '<p>v2</p>', baseVersion: doc.version });
    expect(saved.body.version).to.equal(doc.version + 1);
    const stale = await alice.put('/documents/pg-welcome', {
      body: '<p>stale</p>',
      baseVersion: doc.version,
    });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('version_conflict');
    expect(backend.store.documents.get('doc-welcome')!.body).to.equal('<p>v2</p>');
  });

  it('view access cannot save', async () => {
    const backend = makeBackend();
    const grace = await signIn(backend, 'grace');
    expect(
      (await grace.put('/documents/pg-welcome', { body: 'x', baseVersion: 1 })).body.error.code,
    ).to.equal('read_only_page');
  });
});

describe('activity (R15)', () => {
  it('records external users only and counts distinct active end users in a window', async () => {
    // The server dates each event (R15): its clock is moved, the client's `at` is ignored.
    let clock = Date.now();
    const backend = makeBackend(undefined, { now: () => new Date(clock) });
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    const olivia = await signIn(backend, 'olivia');
    const day = 86_400_000;
    const farFuture = '2099-01-01T00:00:00.000Z';
    clock -= 20 * day;
    await bob.post('/activity', { events: [{ kind: 'page_view', at: farFuture }] });
    clock += 18 * day;
    expect(
      (
        await alice.post('/activity', {
          events: [{ kind: 'page_view', pageId: 'pg-welcome', at: farFuture }],
        })
      ).body.recorded,
    ).to.equal(1);
    expect(
      (await olivia.post('/activity', { events: [{ kind: 'page_view', at: farFuture }] })).body.recorded,
    ).to.equal(0);
    clock += 2 * day;
    const now = new Date(clock);
    expect(await activeEndUsers(backend.storage.logs, 7, now, 'p-northwind')).to.equal(1);
    expect(await activeEndUsers(backend.storage.logs, 30, now, 'p-northwind')).to.equal(2);
    expect(backend.store.world.activity.every((e) => e.at !== farFuture)).to.equal(true);
    expect((await alice.post('/activity', { events: [] })).body.error.code).to.equal('bad_request');
  });

  it('records views of pages the person may see only (R15, R2)', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const before = backend.store.world.activity.length;
    const at = new Date().toISOString();
    const answer = await bob.post('/activity', {
      events: [
        { kind: 'page_view', pageId: 'pg-welcome', at },
        { kind: 'page_view', pageId: 'pg-roadmap', at },
        { kind: 'page_view', pageId: 'pg-escalations', at },
        { kind: 'page_view', pageId: 'pg-never', at },
      ],
    });
    expect(answer.body.recorded).to.equal(1);
    expect(backend.store.world.activity.slice(before).map((e) => e.pageId)).to.deep.equal(['pg-welcome']);
  });
});

describe('portal users self-service (R16)', () => {
  it('the People page (R16) is in the navigation of Admin external users only', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    const ids = (b: any) => b.navigation.flatMap((s: any) => s.pages.map((p: any) => p.id));
    expect(ids(alice.bootstrap)).to.include('pk-people');
    expect(ids(bob.bootstrap)).not.to.include('pk-people');
    expect((await alice.get('/pages/pk-people')).body).to.deep.include({
      id: 'pk-people',
      type: 'people',
      access: 'edit',
    });
    expect((await bob.get('/pages/pk-people')).status).to.equal(404);
  });

  it('an Admin external user sees and adds contacts of their own company; others may not', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    const contacts = (await alice.get('/contacts')).body.items;
    expect(contacts.every((c: any) => c.id.startsWith('k-nw-'))).to.equal(true);
    expect((await bob.get('/contacts')).body.error.code).to.equal('forbidden');
    expect((await alice.post('/contacts', { name: 'Nia', email: 'not-an-email' })).body.error.code).to.equal(
      'bad_request',
    );
    const added = await alice.post('/contacts', { name: 'Nia Novak', email: 'nia@northwind.example' });
    expect(added.status).to.equal(201);
    expect(backend.store.contacts.get(added.body.id)!.companyId).to.equal('c-northwind');
  });
});

describe('file uploads (R6)', () => {
  const upload = async (
    client: Awaited<ReturnType<typeof signIn>>,
    name: string,
    bytes: Uint8Array,
    type: string,
  ) => {
    const response = await client.backend.handle(
      new Request(`http://portal.test/api/files?page=pg-files&name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': type },
        body: bytes as unknown as BodyInit,
      }),
    );
    return { status: response.status, body: await response.json() };
  };
  const text = (s: string) => new TextEncoder().encode(s);
  const pdf = text('%PDF-1.7 hello');
  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);

  it('stores an allowed file shared to the portal, with a safe name', async () => {
    const backend = makeBackend();
    const alice = { ...(await signIn(backend, 'alice')), backend };
    const answer = await upload(alice, '../../etc/Übersicht ü.pdf', pdf, 'application/pdf');
    expect(answer.status).to.equal(201);
    expect(answer.body.name).to.equal('Übersicht ü.pdf');
    expect(backend.store.files.get(answer.body.id)!.portalIds).to.deep.equal(['p-northwind']);
    expect((await alice.get('/files')).body.items.map((f: any) => f.name)).to.include('Übersicht ü.pdf');
    const download = await alice.get(`/files/${answer.body.id}/content`);
    expect(download.text).to.equal('%PDF-1.7 hello');
  });

  it('refuses oversize files, disallowed types and renamed executables — store unchanged', async () => {
    const backend = makeBackend();
    backend.store.portals.get('p-northwind')!.files.maxBytes = 1024;
    const alice = { ...(await signIn(backend, 'alice')), backend };
    const before = snapshot(backend);
    expect(
      (await upload(alice, 'big.pdf', new Uint8Array(2048).fill(0x25), 'application/pdf')).body.error.code,
    ).to.equal('file_too_large');
    // A program named .pdf or .txt is not what its name says (#12 item 18).
    expect((await upload(alice, 'setup.pdf', exe, 'application/pdf')).body.error.code).to.equal(
      'file_content_mismatch',
    );
    expect((await upload(alice, 'notes.txt', exe, 'text/plain')).body.error.code).to.equal(
      'file_content_mismatch',
    );
    expect((await upload(alice, 'fake.png', pdf, 'image/png')).body.error.code).to.equal(
      'file_content_mismatch',
    );
    // Markup is never accepted: SVG and HTML can carry scripts; a program is never accepted at all.
    expect((await upload(alice, 'drawing.svg', SAMPLE_FILES.svg, 'image/svg+xml')).body.error.code).to.equal(
      'file_type_not_allowed',
    );
    expect(
      (await upload(alice, 'page.html', text('<script>alert(1)</script>'), 'text/html')).body.error.code,
    ).to.equal('file_type_not_allowed');
    expect((await upload(alice, 'svg-as-text.txt', SAMPLE_FILES.svg, 'text/plain')).body.error.code).to.equal(
      'file_content_mismatch',
    );
    expect((await upload(alice, 'tool.exe', exe, 'application/octet-stream')).body.error.code).to.equal(
      'file_type_not_allowed',
    );
    expect((await upload(alice, 'empty.pdf', new Uint8Array(0), 'application/pdf')).body.error.code).to.equal(
      'bad_request',
    );
    expect(snapshot(backend)).to.equal(before);
  });

  it('accepts what customers send by default — Word, Excel, old Office, zip, images — recognised by content (#12 item 18)', async () => {
    const backend = makeBackend();
    const alice = { ...(await signIn(backend, 'alice')), backend };
    for (const [name, bytes, type] of [
      [
        'Plan.docx',
        SAMPLE_FILES.docx,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['Budget.xlsx', SAMPLE_FILES.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['Legacy.doc', SAMPLE_FILES.doc, 'application/msword'],
      ['Bundle.zip', SAMPLE_FILES.zip, 'application/zip'],
      ['Logo.gif', SAMPLE_FILES.gif, 'image/gif'],
      ['Export.csv', text('a,b\n1,2'), 'text/csv'],
    ] as const) {
      const answer = await upload(alice, name, bytes, 'application/octet-stream');
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).to.equal(201);
      expect(answer.body.type, name).to.equal(type);
    }
    // A name without an extension is judged by its content alone.
    const bare = await upload(alice, 'Scan', pdf, '');
    expect(bare.status, JSON.stringify(bare.body)).to.equal(201);
    expect(bare.body.type).to.equal('application/pdf');
    // A Word document named .xlsx is refused as not being what it says.
    expect((await upload(alice, 'Budget.xlsx', SAMPLE_FILES.docx, '')).body.error.code).to.equal(
      'file_content_mismatch',
    );
  });

  it('the per-portal allow-list still decides', async () => {
    const backend = makeBackend();
    backend.store.portals.get('p-northwind')!.files.types = ['application/pdf'];
    const alice = { ...(await signIn(backend, 'alice')), backend };
    const refused = await upload(alice, 'Plan.docx', SAMPLE_FILES.docx, '');
    expect(refused.body.error.code).to.equal('file_type_not_allowed');
    expect(refused.body.error.message).to.contain('pdf');
    expect((await upload(alice, 'Doc.pdf', pdf, '')).status).to.equal(201);
  });

  it('no file access and impersonation are refused on upload', async () => {
    const backend = makeBackend();
    const carol = { ...(await signIn(backend, 'carol')), backend };
    const asBob = { ...(await signIn(backend, 'oliviaAsBob')), backend };
    expect((await upload(carol, 'a.pdf', pdf, 'application/pdf')).body.error.code).to.equal('no_file_access');
    expect((await upload(asBob, 'a.pdf', pdf, 'application/pdf')).body.error.code).to.equal(
      'read_only_impersonation',
    );
  });

  it('vendor staff share account files into the portal, unshare and remove them; externals may not', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const alice = await signIn(backend, 'alice');
    expect((await olivia.get('/files/unshared')).body.items.map((f: any) => f.id)).to.deep.equal([
      'f-pricing',
    ]);
    expect((await alice.post('/files/share', { ids: ['f-pricing'], shared: true })).body.error.code).to.equal(
      'forbidden',
    );
    expect((await olivia.post('/files/share', { ids: ['f-pricing'], shared: true })).status).to.equal(200);
    expect((await alice.get('/files/f-pricing/content')).status).to.equal(200);
    // A foreign file refuses the whole batch, and bad input is a clear error; nothing changes.
    const before = snapshot(backend);
    expect(
      (await olivia.post('/files/share', { ids: ['f-welcome', 'f-globex'], shared: false })).status,
    ).to.equal(404);
    expect((await olivia.post('/files/share', { ids: [], shared: true })).body.error.code).to.equal(
      'bad_request',
    );
    expect(
      (await olivia.post('/files/share', { ids: ['f-welcome'], shared: 'no' })).body.error.code,
    ).to.equal('bad_request');
    expect(snapshot(backend)).to.equal(before);
    expect((await alice.del('/files/f-pricing?page=pg-files')).body.error.code).to.equal('forbidden');
    expect((await olivia.del('/files/f-pricing?page=pg-files')).status).to.equal(200);
    expect((await alice.get('/files/f-pricing/content')).status).to.equal(404);
  });
});

describe('automation rules (R16)', () => {
  it('"the first time all conditions are met": adds the portal user once, no re-activation after removal', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const portal = backend.store.portals.get('p-northwind')!;
    expect(portal.users.some((u) => u.contactId === 'k-nw-frank')).to.equal(false);
    expect((await olivia.patch('/contacts/k-nw-frank', { name: 'Frank Fisher' })).status).to.equal(200);
    expect(portal.users.find((u) => u.contactId === 'k-nw-frank')).to.deep.include({
      roleId: 'xr-viewer',
      active: true,
    });
    portal.users = portal.users.filter((u) => u.contactId !== 'k-nw-frank');
    await olivia.patch('/contacts/k-nw-frank', { name: 'Frank F.' });
    expect(portal.users.some((u) => u.contactId === 'k-nw-frank')).to.equal(false);
  });

  it('"every time the record is saved": re-activation is possible; conditions must hold', async () => {
    const backend = makeBackend();
    backend.store.world.automations[0]!.trigger = 'every_save';
    const olivia = await signIn(backend, 'olivia');
    const portal = backend.store.portals.get('p-northwind')!;
    await olivia.patch('/contacts/k-nw-frank', { email: null });
    expect(portal.users.some((u) => u.contactId === 'k-nw-frank')).to.equal(false); // no email: not met
    await olivia.patch('/contacts/k-nw-frank', { email: 'frank@northwind.example' });
    expect(portal.users.some((u) => u.contactId === 'k-nw-frank')).to.equal(true);
    portal.users = portal.users.filter((u) => u.contactId !== 'k-nw-frank');
    await olivia.patch('/contacts/k-nw-frank', { featured: true });
    expect(portal.users.some((u) => u.contactId === 'k-nw-frank')).to.equal(true);
  });

  it('a remove rule removes the portal user; a contact added by an Admin runs the rules too', async () => {
    const backend = makeBackend();
    backend.store.world.automations.push({
      id: 'auto-remove',
      portalId: 'p-northwind',
      roleId: 'xr-viewer',
      action: 'remove',
      trigger: 'every_save',
      conditions: [{ field: 'featured', op: 'equals', value: false }],
      firedFor: [],
    });
    const olivia = await signIn(backend, 'olivia');
    const alice = await signIn(backend, 'alice');
    await olivia.patch('/contacts/k-nw-carol', { featured: false });
    expect(
      backend.store.portals.get('p-northwind')!.users.some((u) => u.contactId === 'k-nw-carol'),
    ).to.equal(false);
    const added = await alice.post('/contacts', { name: 'Nia Novak', email: 'nia@northwind.example' });
    expect(backend.store.world.automations[0]!.firedFor).to.include(added.body.id);
  });

  it('only vendor staff edit contacts, of the portal company only; bad input is refused', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    expect((await alice.patch('/contacts/k-nw-frank', { name: 'X' })).body.error.code).to.equal('forbidden');
    expect((await olivia.patch('/contacts/k-gx-grace', { name: 'X' })).status).to.equal(404);
    expect((await olivia.patch('/contacts/k-nw-frank', { email: 'nope' })).body.error.code).to.equal(
      'bad_request',
    );
    expect(snapshot(backend)).to.equal(before);
  });
});

describe('view vs edit access (R2)', () => {
  it('Grace reaches Globex data through a view share: every record write is refused and nothing changes', async () => {
    const backend = makeBackend();
    const grace = await signIn(backend, 'grace'); // her role may create, update and remove Licenses
    const page = (await grace.get('/pages/pg-licenses')).body;
    expect(page.access).to.equal('view');
    expect(page.permissions).to.include({ create: false, update: false, remove: false });
    expect(page.columns.some((c: any) => c.updatable)).to.equal(false);
    const id = page.records.items[0].id;
    const before = snapshot(backend);
    const refused = [
      await grace.patch(`/records/License/${id}?page=pg-licenses`, { fields: { seats: 3 } }),
      await grace.post('/records/License?page=pg-licenses', { fields: { seats: 3 } }),
      await grace.del(`/records/License/${id}?page=pg-licenses`),
    ];
    for (const answer of refused) {
      expect(answer.status, answer.text).to.equal(403);
      expect(answer.body.error.code).to.equal('read_only_page');
    }
    expect(snapshot(backend)).to.equal(before);
  });

  it('the same role writes through a page shared with edit', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const page = (await alice.get('/pages/pg-licenses')).body;
    expect(page.access).to.equal('edit');
    expect(page.permissions).to.include({ create: true, update: true });
    const id = page.records.items[0].id;
    expect(
      (await alice.patch(`/records/License/${id}?page=pg-licenses`, { fields: { seats: 3 } })).status,
    ).to.equal(200);
  });

  it('a write must name a page that is shared and shows what it changes', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    const missing = await alice.patch('/records/License/license-1', { fields: { seats: 3 } });
    expect(missing.status).to.equal(400);
    expect(missing.body.error.message).to.match(/\?page=/);
    const otherModel = await alice.patch('/records/License/license-1?page=pg-issues', {
      fields: { seats: 3 },
    });
    expect(otherModel.body.error.code).to.equal('bad_request');
    const otherType = await alice.put('/tasks/tk-sso/status?page=pg-licenses', { status: 'done' });
    expect(otherType.body.error.code).to.equal('bad_request');
    // A page hidden from her answers exactly like one that does not exist (R3).
    const hidden = await alice.patch('/records/Issue/issue-1?page=pg-escalations', {
      fields: { title: 'x' },
    });
    const unknown = await alice.patch('/records/Issue/issue-1?page=pg-nope', { fields: { title: 'x' } });
    expect(hidden.status).to.equal(404);
    expect(hidden.text).to.equal(unknown.text);
    expect(snapshot(backend)).to.equal(before);
  });

  it('tasks, comments and files through a view share are refused, whatever the role allows', async () => {
    const backend = makeBackend(workSharedToView());
    const bob = await signIn(backend, 'bob'); // owns tk-sso: may complete it through an edit share
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    const refused = [
      await bob.put('/tasks/tk-sso/status?page=pg-onboarding', { status: 'done' }),
      await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: 'hi' }),
      await olivia.del('/files/f-welcome?page=pg-files'),
    ];
    for (const answer of refused) expect(answer.body.error?.code, answer.text).to.equal('read_only_page');
    const upload = await backend.handle(
      new Request('http://portal.test/api/files?page=pg-files&name=a.txt', {
        method: 'POST',
        headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'text/plain' },
        body: 'hello',
      }),
    );
    expect(upload.status).to.equal(403);
    expect((await upload.json()).error.code).to.equal('read_only_page');
    expect(snapshot(backend)).to.equal(before);
    // Staff still choose what the portal shows: sharing is not a write through the page.
    expect((await olivia.post('/files/share', { ids: ['f-pricing'], shared: true })).status).to.equal(200);
  });
});
