// parseCellDraft / numberDraft: a number typed with the person's decimal mark is read as typed,
// an ambiguous one ("1.234,5") is refused rather than guessed at (#23 item 7).
import { expect } from '@open-wc/testing';
import { numberDraft, parseCellDraft } from '../../src/controllers/cell-edits.js';
import type { Column } from '../../src/contract/schemas.js';

const mrr: Column = { name: 'mrr', label: 'MRR', type: 'number', constraints: { min: 0 }, updatable: true };
const seats: Column = {
  name: 'seats',
  label: 'Seats',
  type: 'number',
  constraints: { integer: true, min: 0 },
  updatable: true,
};

describe('parseCellDraft: numbers as people type them', () => {
  it('takes "," or "." as the decimal mark, in any locale', () => {
    expect(parseCellDraft(mrr, '1234,5', 'de')).to.deep.equal({ ok: true, value: 1234.5 });
    expect(parseCellDraft(mrr, '1234.5', 'de')).to.deep.equal({ ok: true, value: 1234.5 });
    expect(parseCellDraft(mrr, '1234.5', 'en')).to.deep.equal({ ok: true, value: 1234.5 });
    expect(parseCellDraft(mrr, ' 0,25 ', 'en')).to.deep.equal({ ok: true, value: 0.25 });
  });

  it('refuses grouping and more than one mark, and what the field cannot hold', () => {
    for (const typed of ['1.234,5', '1,234.5', '1,2,3', '12a'])
      expect(parseCellDraft(mrr, typed, 'de').ok, typed).to.equal(false);
    expect(parseCellDraft(seats, '2,5', 'de')).to.deep.equal({
      ok: false,
      error: 'Seats needs a whole number.',
    });
    expect(parseCellDraft(mrr, '-5', 'en')).to.deep.equal({ ok: false, error: 'MRR must be at least 0.' });
    expect(parseCellDraft(mrr, '99999999999999999999', 'en').ok).to.equal(false);
  });

  it('shows a stored number with the locale’s decimal mark and no grouping', () => {
    expect(numberDraft(1234.5, 'de')).to.equal('1234,5');
    expect(numberDraft(1234.5, 'en')).to.equal('1234.5');
    expect(parseCellDraft(mrr, numberDraft(1234.5, 'de'), 'de')).to.deep.equal({ ok: true, value: 1234.5 });
  });
});
