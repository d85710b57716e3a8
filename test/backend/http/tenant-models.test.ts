// #25 step 1: the tenant's models are data. A model none of the demo's seven — every field type,
// constraints, labels per locale — is listed, sorted, filtered, searched, written, exported and
// aggregated through the same rules; a Portal Super Admin changes it at a version, and a removed
// field's values leave every answer at once.
import { expect } from '@open-wc/testing';
import { call, makeBackend, signIn, snapshot } from '../../helpers/backend.js';
import { customModelWorld, SUBSCRIPTION } from '../../helpers/custom-world.js';

const LIST = '/records/Subscription';
const ONE = '/records/Subscription/sub-1?page=pg-subs';

describe('the tenant’s models as data (#25)', () => {
  it('a custom model’s table page: columns typed by its schema, labels in the reader’s language', async () => {
    const backend = makeBackend(customModelWorld());
    const alice = await signIn(backend, 'alice');
    const page = (await alice.get('/pages/pg-subs')).body;
    expect(page.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).to.deep.equal([
      'plan:string',
      'units:integer',
      'price:decimal',
      'startsAt:datetime',
      'notes:text',
      'tier:enum',
      'renews:boolean',
      'license:reference',
    ]);
    expect(page.columns.find((c: { name: string }) => c.name === 'license').target).to.equal('License');
    expect(page.columns[0].constraints).to.deep.equal({ required: true, maxLength: 80 });
    const german = await call(backend, 'GET', '/pages/pg-subs', {
      token: alice.token,
      headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
    });
    const labels = german.body.columns.map((c: { label: string }) => c.label);
    expect(labels.slice(0, 4)).to.deep.equal(['Tarif', 'Einheiten', 'Price', 'Beginn']);
    expect(german.body.columns[5].options.map((o: { label: string }) => o.label)).to.deep.equal([
      'Bronze',
      'Silber',
      'Gold',
    ]);
  });

  it('lists, sorts, filters and searches by the custom fields; only shared records (R3)', async () => {
    const alice = await signIn(makeBackend(customModelWorld()), 'alice');
    const all = (await alice.get(`${LIST}?limit=50`)).body;
    expect(all.total).to.equal(9);
    const byStart = (await alice.get(`${LIST}?sort=-startsAt&limit=50`)).body.items.map(
      (r: { startsAt: string }) => r.startsAt,
    );
    expect(byStart).to.deep.equal([...byStart].sort().reverse());
    const many = (await alice.get(`${LIST}?filter=units:gte:5&limit=50`)).body.items;
    expect(many.length).to.be.greaterThan(0);
    expect(many.every((r: { units: number }) => r.units >= 5)).to.equal(true);
    const after = (
      await alice.get(
        `${LIST}?filter=startsAt:gte:${encodeURIComponent('2026-05-01T00:00:00+02:00')}&limit=50`,
      )
    ).body.items;
    expect(after.every((r: { startsAt: string }) => r.startsAt >= '2026-04-30T22:00:00.000Z')).to.equal(true);
    const found = (await alice.get(`${LIST}?q=finance&limit=50`)).body.items;
    expect(found.map((r: { id: string }) => r.id)).to.deep.equal(['sub-1', 'sub-4', 'sub-7']);
    // Search looks in text written by people, not in enums or references.
    expect((await alice.get(`${LIST}?q=license-&limit=50`)).body.total).to.equal(0);
    const contains = await alice.get(`${LIST}?filter=tier:contains:gol`);
    expect(contains.status).to.equal(400);
  });

  it('values are checked against their field: required, whole numbers, ranges, lengths, instants', async () => {
    const backend = makeBackend(customModelWorld());
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    const refusals: [Record<string, unknown>, string][] = [
      [{ units: -1 }, '"Units" must be at least 0.'],
      [{ units: 2.5 }, '"Units" needs a whole number.'],
      [{ price: 1e20 }, '"Price" holds numbers up to 9007199254740991 in size.'],
      [{ plan: null }, '"Plan" is required.'],
      [{ plan: '' }, '"Plan" is required.'],
      [{ notes: 'ok' }, '"Notes" needs at least 3 characters (this has 2).'],
      [
        { startsAt: '2026-13-01T00:00:00Z' },
        '"Starts" needs a date and time with its offset (2026-12-06T15:30:00Z).',
      ],
      [
        { startsAt: '2026-12-06T15:30:00' },
        '"Starts" needs a date and time with its offset (2026-12-06T15:30:00Z).',
      ],
      [{ tier: 'platinum' }, '"Tier" needs one of bronze, silver, gold.'],
      [{ renews: 'yes' }, '"Renews" needs true or false.'],
    ];
    for (const [fields, message] of refusals) {
      const answer = await alice.patch(ONE, { fields });
      expect(answer.status, JSON.stringify(fields)).to.equal(422);
      expect(answer.body.error).to.deep.include({ code: 'invalid_value', message });
    }
    expect(snapshot(backend), 'nothing changed').to.equal(before);
    const saved = await alice.patch(ONE, { fields: { startsAt: '2026-12-06T16:30:00+01:00', units: 3 } });
    expect(saved.status, saved.text).to.equal(200);
    // Instants are kept in UTC with milliseconds: text order is time order in every storage.
    expect(saved.body.startsAt).to.equal('2026-12-06T15:30:00.000Z');
    const missing = await alice.post(`${LIST}?page=pg-subs`, { fields: { units: 1 } });
    expect(missing.body.error).to.deep.include({ code: 'invalid_value', message: '"Plan" is required.' });
    const created = await alice.post(`${LIST}?page=pg-subs`, { fields: { plan: 'Starter', units: 1 } });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.id).to.match(/^subscription-/);
  });

  it('a required field the role may not view is never named: the create is refused without it (R3)', async () => {
    const world = customModelWorld();
    for (const role of world.externalRoles)
      role.models.Subscription!.fields.plan = { view: false, update: false };
    const alice = await signIn(makeBackend(world), 'alice');
    const refused = await alice.post(`${LIST}?page=pg-subs`, { fields: { units: 1 } });
    expect(refused.status).to.equal(403);
    expect(refused.text).to.not.match(/plan/i);
    expect((await alice.get('/pages/pg-subs')).text).to.not.match(/"plan"|Plan/);
  });

  it('exports with the labels of the reader’s language; widgets aggregate the custom fields (R4, R5)', async () => {
    const alice = await signIn(makeBackend(customModelWorld()), 'alice');
    const csv = (await alice.get(`${LIST}/export?locale=de&page=pg-subs`)).text;
    expect(csv.split('\r\n')[0]).to.equal(
      '"Tarif";"Einheiten";"Price";"Beginn";"Notes";"Tier";"Renews";"License"',
    );
    const dash = (await alice.get('/pages/pg-sub-dash')).body;
    const widget = (id: string) => dash.widgets.find((w: { id: string }) => w.id === id).result;
    expect(widget('w-sub-count').value).to.equal(9);
    expect(widget('w-sub-units').value).to.equal([0, 7, 4, 1, 8, 5, 2, 9, 6].reduce((a, b) => a + b));
    expect(widget('w-sub-tiers').groups.map((g: { key: string }) => g.key)).to.deep.equal([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(widget('w-sub-months').keyType).to.equal('month');
  });

  it('a Portal Super Admin changes a model at its version: a removed field leaves every answer at once', async () => {
    const backend = makeBackend(customModelWorld());
    const ava = await signIn(backend, 'ava');
    const alice = await signIn(backend, 'alice');
    const listed = (await ava.get('/manage/models')).body;
    expect(listed.canEdit).to.equal(true);
    const stored = listed.models.find((m: { id: string }) => m.id === 'Subscription');
    expect(stored.version).to.equal(1);
    const fields = SUBSCRIPTION.fields.filter((f) => f.name !== 'notes');
    const renamed = fields.map((f) => (f.name === 'units' ? { ...f, label: 'Seats bought' } : f));
    const added = [...renamed, { name: 'region', label: 'Region', type: 'string' as const }];
    const saved = await ava.put('/manage/models/Subscription', {
      version: 1,
      label: 'Subscription',
      fields: added,
    });
    expect(saved.status, saved.text).to.equal(200);
    expect(saved.body).to.deep.include({ version: 2, retired: ['notes'] });

    const record = (await alice.get('/records/Subscription/sub-1')).body;
    expect(record).to.not.have.property('notes');
    expect(record.region).to.equal(null);
    expect((await alice.get(`${LIST}?q=finance`)).body.total, 'no search in removed text').to.equal(0);
    const page = (await alice.get('/pages/pg-subs')).body;
    expect(page.columns.map((c: { name: string }) => c.name)).to.not.include('notes');
    expect(page.columns.find((c: { name: string }) => c.name === 'units').label).to.equal('Seats bought');
    const csv = (await alice.get(`${LIST}/export?page=pg-subs`)).text;
    expect(csv).to.not.contain('Renewal call');
    expect((await alice.patch(ONE, { fields: { notes: 'again' } })).body.error.code).to.equal(
      'invalid_field',
    );

    // The same change made on version 1 again: someone saved since.
    const stale = await ava.put('/manage/models/Subscription', { version: 1, label: 'Subscription', fields });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('version_conflict');
    // A removed field's name is never taken back, and a kept field keeps its type.
    const back = await ava.put('/manage/models/Subscription', {
      version: 2,
      label: 'Subscription',
      fields: [...added, { name: 'notes', label: 'Notes', type: 'text' }],
    });
    expect(back.status).to.equal(400);
    expect(back.body.error.message).to.contain('"notes" named a removed field');
    const retyped = await ava.put('/manage/models/Subscription', {
      version: 2,
      label: 'Subscription',
      fields: added.map((f) => (f.name === 'units' ? { ...f, type: 'string' as const, constraints: {} } : f)),
    });
    expect(retyped.status).to.equal(400);
    expect(retyped.body.error.message).to.contain('"units" holds integer values');
    const trail = (await ava.get('/manage/audit')).body.items;
    expect(trail.some((e: { action: string }) => e.action === 'model.update')).to.equal(true);
  });

  it('a field may not take a name every object has; a role naming a removed field stays editable', async () => {
    const backend = makeBackend(customModelWorld());
    const ava = await signIn(backend, 'ava');
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const answer = await ava.put('/manage/models/Subscription', {
        version: 1,
        label: 'Subscription',
        fields: [...SUBSCRIPTION.fields, { name, label: name, type: 'string' }],
      });
      expect(answer.status, name).to.equal(400);
    }
    const roles = (await ava.get('/manage/roles')).body.roles as {
      id: string;
      models: Record<string, any>;
    }[];
    const role = roles[0]!;
    const models = {
      ...role.models,
      Subscription: { ...role.models.Subscription, fields: { notes: { view: false, update: false } } },
    };
    expect((await ava.patch(`/manage/roles/${role.id}`, { models })).status).to.equal(200);
    const fields = SUBSCRIPTION.fields.filter((f) => f.name !== 'notes');
    expect(
      (await ava.put('/manage/models/Subscription', { version: 1, label: 'Subscription', fields })).status,
    ).to.equal(200);
    const again = (await ava.get('/manage/roles')).body.roles.find((r: { id: string }) => r.id === role.id);
    const saved = await ava.patch(`/manage/roles/${role.id}`, {
      models: again.models,
      name: 'Renamed after the removal',
    });
    expect(saved.status, saved.text).to.equal(200);
    expect(saved.body.models.Subscription.fields).to.deep.equal({});
  });

  it('a new model is added with no version; only Portal Super Admins change models, staff read them', async () => {
    const backend = makeBackend(customModelWorld());
    const ava = await signIn(backend, 'ava');
    const model = { label: 'Contract', fields: [{ name: 'title', label: 'Title', type: 'string' }] };
    const made = await ava.put('/manage/models/Contract', model);
    expect(made.status, made.text).to.equal(200);
    expect(made.body).to.deep.include({ id: 'Contract', version: 1 });
    expect((await ava.put('/manage/models/Contract', model)).body.error.code).to.equal('version_conflict');
    expect((await ava.put('/manage/models/contract', model)).status).to.equal(400);
    const olivia = await signIn(backend, 'olivia');
    expect((await olivia.get('/manage/models')).body.canEdit).to.equal(false);
    expect((await olivia.put('/manage/models/Other', model)).status).to.equal(403);
    const alice = await signIn(backend, 'alice');
    expect((await alice.get('/manage/models')).status).to.equal(403);
    // A model with no grant is no model to anyone's table: unknown to Alice's role.
    expect((await alice.get('/records/Contract')).status).to.equal(403);
    expect((await alice.get('/records/Nothing')).status).to.equal(404);
  });
});
