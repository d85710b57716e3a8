// What an attacker tried through the HTTP contract (issue #11): each attack, refused as SPEC says,
// and each refusal leaving everything as it was.
import { expect } from '@open-wc/testing';
import { demoWorldInput } from '../../../server-mock/demo-world.js';
import { parseWorld, type World, type WorldInput } from '../../../backend/src/world/schema.js';
import {
  call,
  EXECUTABLE,
  exchange,
  makeBackend,
  signIn,
  snapshot,
  tokenFor,
} from '../../helpers/backend.js';

/**
 * The demo world plus a second Globex portal ("Globex executive") that Zoe — invited to the
 * Globex success hub only — may not open; a file, a record and a workflow are shared to it alone.
 * Here her role may manage what she opens (Customer Portals and Update, R20), with a portfolio of
 * her own companies (none): invitation is her only way in.
 */
function twoPortalsOfOneCompany(change: (input: WorldInput) => void = () => {}): World {
  const input = demoWorldInput();
  const support = input.internalRoles.find((r) => r.id === 'r-support')!;
  support.customerPortals = true;
  support.portfolio = { kind: 'own' };
  for (const grant of Object.values(support.models ?? {})) if (grant) grant.update = true;
  // Zoe's portal shares its data and work with edit, so only the item's portal decides below.
  input.portals.find((p) => p.id === 'p-globex')!.sectionShares = { 's-data': 'edit', 's-work': 'edit' };
  input.portals.push({
    id: 'p-globex-exec',
    name: 'Globex executive',
    companyId: 'c-globex',
    templateId: 'tpl-sunset',
    users: [{ contactId: 'k-gx-grace', roleId: 'xr-collab' }],
    sectionShares: { 's-data': 'edit' },
  });
  input.files!.push({
    id: 'f-gx-exec',
    companyId: 'c-globex',
    name: 'Board pack.pdf',
    type: 'application/pdf',
    size: 15,
    uploadedBy: 'Liam Lee',
    createdAt: '2026-11-03T12:00:00.000Z',
    portalIds: ['p-globex-exec'],
    content: btoa('%PDF-1.4 board\n'),
  });
  const license = input.records!.License!.find((r) => r.companyId === 'c-globex' && !r.portalIds?.length)!;
  license.portalIds = ['p-globex-exec'];
  input.workflows!.push({
    id: 'wf-gx-exec',
    companyId: 'c-globex',
    name: 'Board prep',
    portalIds: ['p-globex-exec'],
  });
  input.tasks!.push({
    id: 'tk-gx-exec',
    companyId: 'c-globex',
    workflowId: 'wf-gx-exec',
    title: 'Prepare board pack',
    status: 'open',
    sharedInPortal: true,
  });
  change(input);
  return parseWorld(input);
}

describe('staff writes are scoped to the session’s portal, not the company (R6, R10)', () => {
  it('a file, record or task of a portal the staff member cannot open answers 404 and stays', async () => {
    const backend = makeBackend(twoPortalsOfOneCompany());
    const zoe = await signIn(backend, 'zoe');
    expect(
      (await exchange(backend, await tokenFor('zoe', { portal: 'p-globex-exec' }))).body.error.code,
    ).to.equal('no_portal_access');
    const license = backend.store.world.records.License!.find((r) => r.portalIds.includes('p-globex-exec'))!;
    const before = snapshot(backend);
    const attempts = [
      await zoe.del('/files/f-gx-exec?page=pg-files'),
      await zoe.get('/files/f-gx-exec/content'),
      await zoe.patch(`/records/License/${license.id}?page=pg-licenses`, { fields: { seats: 1 } }),
      await zoe.del(`/records/License/${license.id}?page=pg-licenses`),
      await zoe.patch('/tasks/tk-gx-exec', { sharedInPortal: false }),
      await zoe.put('/tasks/tk-gx-exec/status?page=pg-onboarding', { status: 'done' }),
      await zoe.post('/tasks/tk-gx-exec/comments?page=pg-onboarding', { body: 'hi' }),
    ];
    for (const answer of attempts) {
      expect(answer.status, answer.text).to.equal(404);
      expect(answer.text).to.equal((await zoe.del('/files/f-never?page=pg-files')).text);
    }
    expect(snapshot(backend)).to.equal(before);
    // Her own portal's file she may remove.
    expect((await zoe.del('/files/f-globex?page=pg-files')).status).to.equal(200);
  });
});

describe('portal users: one email per portal, checked before a change takes effect (R16)', () => {
  it('an Admin adding a contact whose email a colleague uses is refused with email_in_use; nothing changes', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    const before = snapshot(backend);
    const refused = await alice.post('/contacts', { name: 'Robert', email: 'BOB@Northwind.example' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('email_in_use');
    expect(snapshot(backend)).to.equal(before);
    // Bob's session and sign-in are untouched.
    expect((await bob.get('/bootstrap')).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('bob'))).status).to.equal(200);
  });

  it('an email used in another company’s portal is not a clash: allowed, and that user is unaffected', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const grace = await signIn(backend, 'grace');
    const added = await alice.post('/contacts', {
      name: 'Grace at Northwind',
      email: 'grace@globex.example',
    });
    expect(added.status, added.text).to.equal(201);
    // The automation made the new contact a Northwind portal user…
    const northwind = backend.store.portals.get('p-northwind')!;
    expect(northwind.users.some((u) => u.contactId === added.body.id && u.active)).to.equal(true);
    // …and nobody at Globex was locked out.
    expect((await grace.get('/bootstrap')).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('grace'))).status).to.equal(200);
  });

  it('staff changing a contact’s email to a colleague’s is refused; a clash already there does not block other edits', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    const refused = await olivia.patch('/contacts/k-nw-carol', { email: 'Alice@northwind.example' });
    expect(refused.body.error.code).to.equal('email_in_use');
    expect(snapshot(backend)).to.equal(before);
    // Erin's duplicate predates this edit: renaming her is not refused (sign-in still is, R16).
    expect((await olivia.patch('/contacts/k-nw-erin', { name: 'Erin E.' })).status).to.equal(200);
    expect((await exchange(backend, await tokenFor('erin'))).body.error.code).to.equal('email_not_unique');
  });
});

describe('staff contact edits run only the automation of portals they may open (R16, R10)', () => {
  const world = () =>
    twoPortalsOfOneCompany((input) => {
      input.automations!.push({
        id: 'auto-gx-exec',
        portalId: 'p-globex-exec',
        roleId: 'xr-viewer',
        action: 'add',
        trigger: 'every_save',
        conditions: [{ field: 'email', op: 'not_empty' }],
      });
    });
  const roleInExec = (backend: ReturnType<typeof makeBackend>) =>
    backend.store.portals.get('p-globex-exec')!.users.find((u) => u.contactId === 'k-gx-grace')!.roleId;

  it('a portal the editor cannot open is left alone', async () => {
    const backend = makeBackend(world());
    const zoe = await signIn(backend, 'zoe');
    expect((await zoe.patch('/contacts/k-gx-grace', { name: 'Grace G.' })).status).to.equal(200);
    expect(roleInExec(backend)).to.equal('xr-collab');
    expect(backend.store.world.audit.filter((e) => e.actor.kind === 'automation')).to.deep.equal([]);
  });

  it('a role set by hand is kept, and the audit trail says so', async () => {
    const backend = makeBackend(world());
    const ava = await signIn(backend, 'ava');
    // Ava may open every portal (Portal Super Admin); her session is Northwind's, so Grace is not hers to edit there.
    expect((await ava.patch('/contacts/k-gx-grace', { name: 'Grace G.' })).status).to.equal(404);
    const avaGlobex = await exchange(backend, await tokenFor('ava', { portal: 'p-globex' }));
    const token = avaGlobex.body.session.token as string;
    const edit = await call(backend, 'PATCH', '/contacts/k-gx-grace', { token, body: { name: 'Grace G.' } });
    expect(edit.status, edit.text).to.equal(200);
    expect(roleInExec(backend)).to.equal('xr-collab');
    const entry = backend.store.world.audit.find((e) => e.actor.id === 'auto-gx-exec')!;
    expect(entry.portalId).to.equal('p-globex-exec');
    expect(entry.note).to.match(/kept role xr-collab set by hand/);
    expect(backend.store.world.audit.find((e) => e.action === 'contact.update')!.changes).to.deep.equal([
      { field: 'name', from: 'Grace Gómez', to: 'Grace G.' },
    ]);
  });
});

describe('hostile HTML is sanitised when stored and when served (R8)', () => {
  const hostile = [
    '<p>Hi</p><script>alert(1)</script>',
    '<img src="https://cdn.example/a.png" onerror="alert(1)" alt="a">',
    '<a href="javascript:alert(1)">x</a><a href=" jav&#x09;ascript:alert(1)">y</a>',
    '<iframe src="https://evil.example"></iframe><svg onload="alert(1)"></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  ];

  it('documents: what is stored and served holds no script, handler, javascript: URL or frame', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    let version = (await alice.get('/documents/pg-welcome')).body.version as number;
    for (const html of hostile) {
      const saved = await alice.put('/documents/pg-welcome', { body: html, baseVersion: version });
      expect(saved.status, saved.text).to.equal(200);
      version = saved.body.version;
      expect(saved.text).not.to.match(EXECUTABLE);
      expect((await alice.get('/documents/pg-welcome')).text).not.to.match(EXECUTABLE);
      expect(backend.store.documents.get('doc-welcome')!.body).not.to.match(EXECUTABLE);
    }
    // What is allowed survives.
    const kept = await alice.put('/documents/pg-welcome', {
      body: '<h2>Plan</h2><p><a href="https://acme.example">link</a> <strong>bold</strong></p>',
      baseVersion: version,
    });
    expect(kept.body.body).to.equal(
      '<h2>Plan</h2><p><a href="https://acme.example">link</a> <strong>bold</strong></p>',
    );
  });

  it('comments and HTML pages imported with a world are stored without markup or script', async () => {
    const input = demoWorldInput();
    input.pages!.push({
      id: 'pg-hostile',
      sectionId: 's-welcome',
      title: 'Hostile',
      type: 'html',
      html: hostile.join(''),
    });
    // Plain text that would run is refused at the import, its path named (R8).
    const withComment = structuredClone(input);
    withComment.comments![0]!.body = `Read this ${hostile[0]}`;
    expect(() => parseWorld(withComment)).to.throw(
      /comments\.0\.body: text cannot hold markup that would run/,
    );
    input.comments![0]!.body = 'Read this <b>Hi</b>';
    const backend = makeBackend(parseWorld(input));
    const bob = await signIn(backend, 'bob');
    const page = await bob.get('/pages/pg-hostile');
    expect(page.status).to.equal(200);
    expect(page.text).not.to.match(EXECUTABLE);
    expect(page.body.html).to.contain('<p>Hi</p>');
    const comments = await bob.get('/tasks/tk-sso/comments');
    expect(comments.body.items[0].body).to.equal('Read this <b>Hi</b>'); // kept as typed, shown escaped
    for (const html of hostile) {
      const posted = await bob.post('/tasks/tk-sso/comments?page=pg-onboarding', { body: `see ${html}` });
      expect(posted.text).not.to.match(EXECUTABLE);
      if (posted.status !== 201) expect(posted.status, posted.text).to.equal(400);
    }
    expect(JSON.stringify(backend.store.world.comments)).not.to.match(EXECUTABLE);
  });

  it('names and text fields that would run are refused, naming the field; harmless markup is kept as typed', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    const contact = await alice.post('/contacts', {
      name: '<img src=x onerror=alert(1)>Zed',
      email: 'zed@northwind.example',
    });
    expect(contact.status).to.equal(400);
    expect(contact.body.error.path).to.deep.equal(['name']);
    const record = await alice.patch('/records/License/license-1?page=pg-licenses', {
      fields: { product: 'A<script>alert(1)</script> < B' },
    });
    expect(record.status).to.equal(400);
    expect(record.body.error.path).to.deep.equal(['fields', 'product']);
    expect(snapshot(backend)).to.equal(before);
    const named = await alice.post('/contacts', { name: '<b>Zed</b>', email: 'zed@northwind.example' });
    expect(named.body.name).to.equal('<b>Zed</b>');
    const kept = await alice.patch('/records/License/license-1?page=pg-licenses', {
      fields: { product: 'A <i>x</i> < B' },
    });
    expect(kept.body.product).to.equal('A <i>x</i> < B');
  });
});

describe('bad input gets a clear 4xx, never a 500 or a silent success', () => {
  it('every key that is not a declared field is refused alike, __proto__ included (400 invalid_field)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope']) {
      const raw = `{"fields":{"${key}":{"polluted":true}}}`;
      const patch = await alice.raw('PATCH', '/records/License/license-1?page=pg-licenses', raw);
      expect(patch.status, `${key}: ${patch.text}`).to.equal(400);
      const scalar = await alice.raw(
        'PATCH',
        '/records/License/license-1?page=pg-licenses',
        `{"fields":{"${key}":1}}`,
      );
      expect(scalar.body.error.code, key).to.equal('invalid_field');
      expect(scalar.body.error.message).to.equal(`The field "${key}" cannot be changed.`);
      const create = await alice.raw('POST', '/records/License?page=pg-licenses', `{"fields":{"${key}":1}}`);
      expect(create.body.error.code, key).to.equal('invalid_field');
    }
    expect(snapshot(backend)).to.equal(before);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('a malformed percent-escape in a path is 400 bad_request', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    for (const [method, path] of [
      ['GET', '/records/License/%'],
      ['GET', '/files/%zz/content'],
      ['GET', '/tasks/%/comments'],
      ['GET', '/documents/%'],
      ['PATCH', '/records/License/%E0%A4%A'],
    ] as const) {
      const answer = await call(backend, method, path, {
        token: alice.token,
        ...(method === 'PATCH' ? { body: { fields: { seats: 1 } } } : {}),
      });
      expect(answer.status, `${method} ${path}`).to.equal(400);
      expect(answer.body.error.code).to.equal('bad_request');
    }
  });

  it('date fields take real calendar dates only (422 invalid_value); filters too (400)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    for (const date of ['2026-02-30', '2026-13-01', '0000-00-00', '2025-02-29', '2026-1-01', '2026-04-31']) {
      const answer = await alice.patch('/records/License/license-1?page=pg-licenses', {
        fields: { renewal: date },
      });
      expect(answer.status, date).to.equal(422);
      expect(answer.body.error.code).to.equal('invalid_value');
      expect((await alice.get(`/records/License?filter=renewal:gte:${date}`)).body.error.code).to.equal(
        'bad_request',
      );
    }
    expect(snapshot(backend)).to.equal(before);
    expect(
      (
        await alice.patch('/records/License/license-1?page=pg-licenses', {
          fields: { renewal: '2028-02-29' },
        })
      ).status,
    ).to.equal(200);
  });

  it('blank names and empty changes are refused as bad input', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    expect(
      (await alice.post('/contacts', { name: '   ', email: 'x@northwind.example' })).body.error.code,
    ).to.equal('bad_request');
    expect((await olivia.patch('/contacts/k-nw-bob', { name: ' \t ' })).body.error.code).to.equal(
      'bad_request',
    );
    expect((await olivia.patch('/contacts/k-nw-bob', {})).body.error.code).to.equal('bad_request');
    expect(
      (await alice.patch('/records/License/license-1?page=pg-licenses', { fields: {} })).body.error.code,
    ).to.equal('bad_request');
    expect(snapshot(backend)).to.equal(before);
  });

  it('bodies over their limit are refused with 413 before being read whole; field values are bounded', async () => {
    const backend = makeBackend();
    const big = new Blob([new Uint8Array(20 * 1024 * 1024)]).stream();
    const session = await backend.handle(
      new Request('http://portal.test/api/session', {
        method: 'POST',
        body: big,
        duplex: 'half',
      } as RequestInit),
    );
    expect(session.status).to.equal(413);
    expect((await session.json()).error.code).to.equal('payload_too_large');
    const alice = await signIn(backend, 'alice');
    const long = await alice.patch('/records/License/license-1?page=pg-licenses', {
      fields: { product: 'x'.repeat(10_001) },
    });
    expect(long.body.error).to.deep.include({ code: 'text_too_long', limit: 10_000 });
    const upload = await backend.handle(
      new Request('http://portal.test/api/files?page=pg-files&name=big.pdf', {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/pdf' },
        body: new Blob([new Uint8Array(11 * 1024 * 1024)]).stream(),
        duplex: 'half',
      } as RequestInit),
    );
    expect(upload.status).to.equal(413);
    expect((await upload.json()).error.code).to.equal('file_too_large');
  });
});

describe('side channels (R3, R2, R15)', () => {
  it('new ids are random, never sequential', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await alice.post('/records/License?page=pg-licenses', { fields: { product: `P${i}` } })).body.id,
      );
    for (const id of ids)
      expect(id).to.match(/^license-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).to.equal(3);
  });

  it('a page shared alone sits in a neutral group: its unshared section’s id and title never reach the person', async () => {
    const input = demoWorldInput();
    input.sections!.push({ id: 's-churn', title: 'Internal: churn-risk accounts' });
    input.pages!.push({
      id: 'pg-gx-plan',
      sectionId: 's-churn',
      title: 'Your plan',
      type: 'html',
      html: '<p>Plan</p>',
    });
    input.portals.find((p) => p.id === 'p-globex')!.pageShares = {
      'pg-welcome': 'view',
      'pg-gx-plan': 'view',
    };
    const backend = makeBackend(parseWorld(input));
    const grace = await signIn(backend, 'grace');
    const boot = await grace.get('/bootstrap');
    expect(boot.text).not.to.contain('s-churn');
    expect(boot.text).not.to.contain('churn-risk');
    expect(boot.text).not.to.contain('s-welcome');
    const neutral = boot.body.navigation.find((s: { id: string | null }) => s.id === null);
    expect(neutral.title).to.equal('');
    expect(neutral.pages.map((p: { id: string }) => p.id)).to.deep.equal(['pg-welcome', 'pg-gx-plan']);
  });

  it('every authenticated answer, downloads and exports included, says Cache-Control: no-store', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    for (const path of [
      '/files/f-welcome/content',
      '/records/License/export',
      '/bootstrap',
      '/records/License/nope',
    ]) {
      const response = await backend.handle(
        new Request(`http://portal.test/api${path}`, { headers: { authorization: `Bearer ${alice.token}` } }),
      );
      expect(response.headers.get('cache-control'), path).to.equal('no-store');
    }
    const signOut = await backend.handle(
      new Request('http://portal.test/api/session', {
        method: 'DELETE',
        headers: { authorization: `Bearer ${alice.token}` },
      }),
    );
    expect(signOut.headers.get('cache-control')).to.equal('no-store');
  });
});
