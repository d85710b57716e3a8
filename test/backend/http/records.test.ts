// R1, R3, R5, R19 through the HTTP contract: records shared to a portal, their fields, queries, writes.
import { expect } from '@open-wc/testing';
import { RecordPage } from '../../../src/contract/index.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { makeBackend, signIn, snapshot } from '../../helpers/backend.js';

describe('GET /records/{model} (R3)', () => {
  it('lists only records of the portal company that are shared to the portal', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const page = RecordPage.parse((await alice.get('/records/License?limit=500')).body);
    const expected = backend.store.world.records.License!.filter(
      (r) => r.companyId === 'c-northwind' && r.portalIds.includes('p-northwind'),
    );
    expect(page.items.map((r) => r.id).sort()).to.deep.equal(expected.map((r) => r.id).sort());
    expect(page.total).to.equal(18);
  });

  it('sends only the fields the role may view (R1 field View): Bob never receives License.mrr', async () => {
    const bob = await signIn(makeBackend(), 'bob');
    const { body, text } = await bob.get('/records/License?limit=500');
    expect(body.items.length).to.be.greaterThan(0);
    for (const item of body.items)
      expect(Object.keys(item).sort()).to.deep.equal(['autoRenew', 'id', 'product', 'renewal', 'seats']);
    expect(text).not.to.contain('mrr');
  });

  it('a model the role may not view is refused, not emptied', async () => {
    const carol = await signIn(makeBackend(), 'carol');
    const answer = await carol.get('/records/License');
    expect(answer.status).to.equal(403);
    expect(answer.body.error.code).to.equal('forbidden');
  });

  it('an unshared, foreign or missing record answers not_found, identically', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const unshared = await alice.get('/records/License/license-20'); // Northwind, not shared
    const foreign = await alice.get('/records/License/license-30'); // Globex
    const missing = await alice.get('/records/License/license-999');
    expect(unshared.status).to.equal(404);
    expect(unshared.text).to.equal(foreign.text);
    expect(foreign.text).to.equal(missing.text);
    expect((await alice.get('/records/License/license-1')).body.id).to.equal('license-1');
  });

  it('sorts with the server (string, number, direction) and pages with a cursor', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const all = (await alice.get('/records/License?sort=-seats&limit=500')).body.items as { seats: number }[];
    expect(all.map((r) => r.seats)).to.deep.equal([...all.map((r) => r.seats)].sort((a, b) => b - a));
    const names = (await alice.get('/records/License?sort=product&limit=500')).body.items.map(
      (r: any) => r.product,
    );
    expect(names).to.deep.equal(
      [...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare),
    );
    const first = await alice.get('/records/License?sort=product&limit=5');
    const second = await alice.get(`/records/License?sort=product&limit=5&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((r: any) => r.product)).to.deep.equal(
      names.slice(0, 10),
    );
  });

  it('keyset cursors: a record removed before the cursor shifts nothing; a cursor of another sort or another company is refused', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const all = (await alice.get('/records/License?limit=500')).body.items.map((r: any) => r.id);
    const first = (await alice.get('/records/License?limit=5')).body;
    // A record of the first page removed meanwhile (by someone else) does not move the second page.
    await backend.storage.write(async () => backend.store.removeRecord('License', first.items[0].id));
    const second = (await alice.get(`/records/License?limit=5&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((r: any) => r.id)).to.deep.equal(all.slice(5, 10));

    const sorted = (await alice.get('/records/License?limit=5&sort=product')).body;
    const otherSort = await alice.get(`/records/License?limit=5&sort=-seats&cursor=${sorted.nextCursor}`);
    expect(otherSort.status).to.equal(400);
    expect(otherSort.body.error.code).to.equal('bad_request');

    // A cursor naming another company's record answers as one naming no record at all (R3).
    const foreignId = backend.store.world.records.License!.find((r) => r.companyId === 'c-globex')!.id;
    const cursorFor = (id: string) => btoa(JSON.stringify({ s: '', k: null, i: id })).replace(/=+$/, '');
    const foreign = await alice.get(`/records/License?limit=5&cursor=${cursorFor(foreignId)}`);
    const missing = await alice.get(`/records/License?limit=5&cursor=${cursorFor('no-such-record')}`);
    expect(foreign.status).to.equal(400);
    expect(foreign.text).to.equal(missing.text);
  });

  it('filters by typed operators and searches viewable text', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const big = (await alice.get('/records/License?filter=seats:gte:500&limit=500')).body.items;
    expect(big.every((r: any) => r.seats >= 500)).to.equal(true);
    const auto = (await alice.get('/records/License?filter=autoRenew:eq:true&limit=500')).body.items;
    expect(auto.every((r: any) => r.autoRenew === true)).to.equal(true);
    const some = (await alice.get('/records/Issue?filter=severity:in:high|critical&limit=500')).body.items;
    expect(some.every((r: any) => ['high', 'critical'].includes(r.severity))).to.equal(true);
    const found = (await alice.get('/records/License?q=ember&limit=500')).body.items;
    expect(found.length).to.be.greaterThan(0);
    expect(found.every((r: any) => r.product.toLowerCase().includes('ember'))).to.equal(true);
  });

  it('refuses sort, filter or search on a field the role may not view — alike for hidden and unknown fields', async () => {
    const bob = await signIn(makeBackend(), 'bob');
    const hidden = await bob.get('/records/License?sort=mrr');
    const unknown = await bob.get('/records/License?sort=nosuchfield');
    expect(hidden.status).to.equal(400);
    expect(hidden.body.error.code).to.equal('invalid_field');
    expect(unknown.body.error.code).to.equal('invalid_field');
    expect((await bob.get('/records/License?filter=mrr:gte:0')).body.error.code).to.equal('invalid_field');
    // Search ignores hidden text: Issue.internalNotes holds "escalation", visible to staff only.
    expect((await bob.get('/records/Issue?q=escalation')).body.total).to.equal(0);
    const alice = await signIn(makeBackend(), 'alice');
    expect((await alice.get('/records/Issue?q=escalation')).body.total).to.equal(0);
    const olivia = await signIn(makeBackend(), 'olivia');
    expect((await olivia.get('/records/Issue?q=escalation')).body.total).to.be.greaterThan(0);
  });

  it('bad input: unknown model, malformed filter, wrong type, oversized limit, bad cursor', async () => {
    const alice = await signIn(makeBackend(), 'alice');
    const cases: [string, string][] = [
      ['/records/Spaceship', 'not_found'],
      ['/records/License?filter=seats', 'bad_request'],
      ['/records/License?filter=seats:gte:many', 'bad_request'],
      ['/records/License?filter=autoRenew:contains:x', 'bad_request'],
      ['/records/License?limit=100000', 'limit_too_large'],
      ['/records/License?limit=-3', 'bad_request'],
      ['/records/License?cursor=%%%', 'bad_request'],
    ];
    for (const [path, code] of cases) {
      const answer = await alice.get(path);
      expect(answer.body.error?.code, path).to.equal(code);
      expect(answer.status, path).to.be.within(400, 499);
    }
  });
});

describe('writes (R5)', () => {
  it('Alice updates a field she may update; the change is visible on the next read', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const answer = await alice.patch('/records/License/license-1?page=pg-licenses', {
      fields: { seats: 42 },
    });
    expect(answer.status).to.equal(200);
    expect((await alice.get('/records/License/license-1')).body.seats).to.equal(42);
  });

  it('refuses without model Update, without field Update, on hidden fields, with bad values — and changes nothing', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const carol = await signIn(backend, 'carol');
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    const cases: [Awaited<ReturnType<typeof signIn>>, string, unknown, string][] = [
      [bob, '/records/License/license-1?page=pg-licenses', { fields: { seats: 1 } }, 'forbidden'],
      [carol, '/records/Task/task-1?page=pg-tasks-table', { fields: { title: 'x' } }, 'forbidden'],
      [carol, '/records/Issue/issue-1?page=pg-issues', { fields: { internalNotes: 'x' } }, 'forbidden'],
      [carol, '/records/Task/task-1?page=pg-tasks-table', { fields: { hours: 1 } }, 'invalid_field'],
      [alice, '/records/License/license-1?page=pg-licenses', { fields: { seats: 'many' } }, 'invalid_value'],
      [
        alice,
        '/records/Issue/issue-1?page=pg-issues',
        { fields: { severity: 'apocalyptic' } },
        'invalid_value',
      ],
      [alice, '/records/License/license-1?page=pg-licenses', { fields: { spaceship: 1 } }, 'invalid_field'],
      [alice, '/records/License/license-30?page=pg-licenses', { fields: { seats: 1 } }, 'not_found'],
      [alice, '/records/License/license-1?page=pg-licenses', { values: { seats: 1 } }, 'bad_request'],
    ];
    for (const [who, path, body, code] of cases) {
      const answer = await who.patch(path, body);
      expect(answer.body.error?.code, `${path} ${JSON.stringify(body)}`).to.equal(code);
    }
    expect(snapshot(backend)).to.equal(before);
    // Carol may update Task.status only.
    expect(
      (await carol.patch('/records/Task/task-1?page=pg-tasks-table', { fields: { status: 'done' } })).status,
    ).to.equal(200);
  });

  it('create needs Create; the record joins the portal company and is shared to this portal', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const bob = await signIn(backend, 'bob');
    expect(
      (await bob.post('/records/Issue?page=pg-issues', { fields: { title: 'x' } })).body.error.code,
    ).to.equal('forbidden');
    const created = await alice.post('/records/Issue?page=pg-issues', {
      fields: { title: 'Printer on fire', severity: 'high' },
    });
    expect(created.status).to.equal(201);
    const stored = backend.store.record('Issue', created.body.id)!;
    expect(stored.companyId).to.equal('c-northwind');
    expect(stored.portalIds).to.deep.equal(['p-northwind']);
    expect((await bob.get(`/records/Issue/${created.body.id}`)).body.title).to.equal('Printer on fire');
  });

  it('remove needs Remove', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const alice = await signIn(backend, 'alice');
    expect((await bob.del('/records/Issue/issue-2?page=pg-issues')).body.error.code).to.equal('forbidden');
    expect((await alice.del('/records/Issue/issue-2?page=pg-issues')).status).to.equal(200);
    expect((await alice.get('/records/Issue/issue-2')).status).to.equal(404);
  });

  it('export needs Export and holds only shared records and viewable fields', async () => {
    const backend = makeBackend();
    const carol = await signIn(backend, 'carol');
    expect((await carol.get('/records/Issue/export')).body.error.code).to.equal('forbidden');
    const bob = await signIn(backend, 'bob');
    const csv = (await bob.get('/records/License/export')).text;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('"Product","Seats","Renewal date","Auto-renew"');
    // Exactly the shared records, as the list gives them (no MRR: Bob's role may not view it).
    const listed = (await bob.get('/records/License?limit=500')).body.items;
    expect(lines.slice(1)).to.deep.equal(
      listed.map((r: any) =>
        [r.product, String(r.seats), r.renewal ?? '', r.autoRenew ? 'Yes' : 'No']
          .map((v) => `"${v}"`)
          .join(','),
      ),
    );
    expect(lines.length - 1).to.equal(18);
  });

  it('export is what the table shows: its search, filters, sort and columns, in the locale (#23 item 14)', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    await alice.patch('/records/License/license-1?page=pg-licenses', { fields: { mrr: 1234.5 } });
    const query = 'filter=autoRenew:eq:true&sort=-seats&q=&page=pg-licenses';
    const de = await alice.get(`/records/License/export?${query}&locale=de`);
    expect(de.status, de.text).to.equal(200);
    const lines = de.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const columns = (await alice.get('/pages/pg-licenses')).body.columns.map((c: any) => c.label);
    expect(lines[0]).to.equal(columns.map((c: string) => `"${c}"`).join(';'));
    const listed = (await alice.get('/records/License?filter=autoRenew:eq:true&sort=-seats&limit=500')).body
      .items;
    expect(lines.length - 1).to.equal(listed.length);
    const seats = lines
      .slice(1)
      .map((line) => Number(line.split(';')[columns.indexOf('Seats')]!.replace(/"/g, '')));
    expect(seats).to.deep.equal(listed.map((r: any) => r.seats));
    expect(de.text).to.contain('"Ja"');
    expect(de.text).not.to.contain('"Nein"');
    if (listed.some((r: any) => r.id === 'license-1')) expect(de.text).to.contain('"1234,5"');
    const en = await alice.get(`/records/License/export?${query}&locale=en-US`);
    expect(en.text.split('\r\n')[0]).to.contain('","');
    expect(en.text).to.contain('"Yes"');
    // UTF-8 with a byte-order mark, so Excel reads accents (text() drops the mark: read bytes).
    const raw = await backend.handle(
      new Request(`http://portal.test/api/records/License/export?${query}`, {
        headers: { authorization: `Bearer ${alice.token}` },
      }),
    );
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
  });

  it('export neutralises spreadsheet formulas', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    await alice.patch('/records/License/license-1?page=pg-licenses', {
      fields: { product: '=HYPERLINK("http://evil")' },
    });
    const csv = (await alice.get('/records/License/export')).text;
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('export neutralises formulas in any cell that is not a real number: a date or number field holding text from an import', async () => {
    const world = demoWorld();
    const license = world.records.License!.find((r) => r.id === 'license-1')!;
    license.fields.renewal = '=cmd|"/c calc"!A0';
    license.fields.seats = '@SUM(1+1)';
    license.fields.mrr = -5;
    const backend = makeBackend(world);
    const alice = await signIn(backend, 'alice');
    const csv = (await alice.get('/records/License/export?locale=en')).text;
    expect(csv).to.contain(`"'=cmd|""/c calc""!A0"`);
    expect(csv).to.contain(`"'@SUM(1+1)"`);
    expect(csv).not.to.match(/"[=@]/);
    // A real negative number stays a number.
    expect(csv).to.contain(`"-5"`);
    expect(csv).not.to.contain(`"'-5"`);
  });
});

describe('share more records (R19)', () => {
  it('internal users list unshared company records and share them; externals see them on their next request', async () => {
    const backend = makeBackend();
    const olivia = await signIn(backend, 'olivia');
    const bob = await signIn(backend, 'bob');
    const unshared = (await olivia.get('/records/License/unshared')).body.items.map((r: any) => r.id);
    expect(unshared.sort()).to.deep.equal([
      'license-19',
      'license-20',
      'license-21',
      'license-22',
      'license-23',
      'license-24',
    ]);
    expect(
      (await olivia.post('/records/License/share', { ids: ['license-19', 'license-20'], shared: true })).body
        .changed,
    ).to.equal(2);
    expect((await bob.get('/records/License/license-19')).status).to.equal(200);
    await olivia.post('/records/License/share', { ids: ['license-19'], shared: false });
    expect((await bob.get('/records/License/license-19')).status).to.equal(404);
  });

  it('external users may not; a foreign id refuses the whole batch and changes nothing', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    expect((await alice.get('/records/License/unshared')).body.error.code).to.equal('forbidden');
    expect(
      (await alice.post('/records/License/share', { ids: ['license-19'], shared: true })).body.error.code,
    ).to.equal('forbidden');
    const olivia = await signIn(backend, 'olivia');
    const before = snapshot(backend);
    expect(
      (await olivia.post('/records/License/share', { ids: ['license-19', 'license-30'], shared: true })).body
        .error.code,
    ).to.equal('not_found');
    expect((await olivia.post('/records/License/share', { ids: [], shared: true })).body.error.code).to.equal(
      'bad_request',
    );
    expect(snapshot(backend)).to.equal(before);
  });
});
