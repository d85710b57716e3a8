// #23 item 7 (R5): values are checked against their field — whole numbers, ranges, lengths, and
// numbers that round-trip exactly — and refused with `invalid_value` naming the limit; nothing
// changes on refusal. #23 item 15 (R4): an enum's groups keep the options' order, with labels.
import { expect } from '@open-wc/testing';
import { checkValue } from '../../../backend/src/world/models.js';
import { makeBackend, signIn, snapshot } from '../../helpers/backend.js';

const LICENSE = '/records/License/license-1?page=pg-licenses';

describe('field constraints (R5, #23 item 7)', () => {
  it('Seats takes whole numbers from 0 to 1,000,000; anything else is refused by name', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = snapshot(backend);
    const refusals: [unknown, string][] = [
      [-5, '"Seats" must be at least 0.'],
      [2.5, '"Seats" needs a whole number.'],
      [1e20, '"Seats" holds numbers up to 9007199254740991 in size.'],
      [1_000_001, '"Seats" must be at most 1000000.'],
    ];
    for (const [seats, message] of refusals) {
      const answer = await alice.patch(LICENSE, { fields: { seats } });
      expect(answer.status, String(seats)).to.equal(422);
      expect(answer.body.error).to.deep.include({ code: 'invalid_value', message });
    }
    expect(snapshot(backend), 'nothing changed').to.equal(before);
    for (const seats of [0, 1_000_000]) {
      expect((await alice.patch(LICENSE, { fields: { seats } })).status).to.equal(200);
      expect(backend.store.record('License', 'license-1')!.fields.seats).to.equal(seats);
    }
  });

  it('money is never negative nor beyond exact numbers; text has its length; Progress is 0–100', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const mrr = await alice.patch(LICENSE, { fields: { mrr: -0.01 } });
    expect(mrr.body.error).to.deep.include({ code: 'invalid_value', message: '"MRR" must be at least 0.' });
    const huge = await alice.patch(LICENSE, { fields: { mrr: 1e20 } });
    expect(huge.body.error.code).to.equal('invalid_value');
    expect((await alice.patch(LICENSE, { fields: { mrr: 1234.5 } })).status).to.equal(200);
    const product = await alice.patch(LICENSE, { fields: { product: 'x'.repeat(201) } });
    expect(product.body.error).to.deep.include({
      code: 'invalid_value',
      message: '"Product" holds at most 200 characters (this has 201).',
    });
    expect((await alice.patch(LICENSE, { fields: { product: 'x'.repeat(200) } })).status).to.equal(200);
    // Goals have no table page in the demo: the definition itself holds Progress to 0–100.
    const progress = backend.store.schema.field('Goal', 'progress')!;
    expect(checkValue(progress, 101)).to.deep.equal({ ok: false, reason: '"Progress" must be at most 100.' });
    expect(checkValue(progress, 100)).to.deep.equal({ ok: true, value: 100 });
  });

  it('a new record is checked the same way and none is created on refusal', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    const before = backend.store.world.records.License!.length;
    const answer = await alice.post('/records/License?page=pg-licenses', {
      fields: { product: 'Negative', seats: -5 },
    });
    expect(answer.body.error).to.deep.include({
      code: 'invalid_value',
      message: '"Seats" must be at least 0.',
    });
    expect(backend.store.world.records.License!.length).to.equal(before);
  });
});

describe('enum groups and labels (R4, #23 item 15)', () => {
  it('"Issues by severity" follows low, medium, high, critical with their labels', async () => {
    const olivia = await signIn(makeBackend(), 'olivia');
    const page = (await olivia.get('/pages/pg-dashboard')).body;
    const widget = page.widgets.find((w: { id: string }) => w.id === 'w-severity');
    const groups = widget.result.groups as { key: string; label: string }[];
    const order = ['low', 'medium', 'high', 'critical'];
    expect(groups.map((g) => g.key)).to.deep.equal(order.filter((k) => groups.some((g) => g.key === k)));
    expect(groups.length).to.be.greaterThan(2);
    for (const g of groups) expect(g.label).to.equal(g.key[0]!.toUpperCase() + g.key.slice(1));
  });
});
