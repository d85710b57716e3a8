// parseCellDraft / numberDraft: a number typed with the person's decimal mark is read as typed,
// an ambiguous one ("1.234,5") is refused rather than guessed at (#23 item 7). Each field type the
// tenant's schema sets is checked before anything is sent: integers whole, instants typed as local
// time and stored as UTC, required fields never empty, text no shorter than its minLength.
import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { cellDraft, isoInstant, numberDraft, parseCellDraft } from '../../src/controllers/cell-edits.js';
import type { Column } from '../../src/contract/schemas.js';

const mrr: Column = { name: 'mrr', label: 'MRR', type: 'decimal', constraints: { min: 0 }, updatable: true };
const seats: Column = {
  name: 'seats',
  label: 'Seats',
  type: 'integer',
  constraints: { min: 0 },
  updatable: true,
};
const renews: Column = { name: 'renewsAt', label: 'Renews at', type: 'datetime', updatable: true };
const notes: Column = {
  name: 'notes',
  label: 'Notes',
  type: 'text',
  constraints: { minLength: 3, maxLength: 10 },
  updatable: true,
};
const account: Column = {
  name: 'account',
  label: 'Account',
  type: 'reference',
  target: 'Account',
  updatable: true,
};

/** A local date and time as a `datetime-local` input gives it. */
const pad = (n: number) => String(n).padStart(2, '0');
const localInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

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
    expect(cellDraft(1234.5, mrr, 'de')).to.equal('1234,5');
  });
});

describe('parseCellDraft: the field types of the tenant’s schema', () => {
  it('integer takes whole numbers only; decimal any number', () => {
    expect(parseCellDraft(seats, '12', 'en')).to.deep.equal({ ok: true, value: 12 });
    expect(parseCellDraft(seats, '12.0', 'en')).to.deep.equal({ ok: true, value: 12 });
    for (const typed of ['2.5', 'abc', '1.234,5'])
      expect(parseCellDraft(seats, typed, 'en'), typed).to.deep.equal({
        ok: false,
        error: 'Seats needs a whole number.',
      });
    expect(parseCellDraft(mrr, '2.5', 'en')).to.deep.equal({ ok: true, value: 2.5 });
    expect(parseCellDraft(mrr, 'abc', 'en')).to.deep.equal({ ok: false, error: 'MRR needs a number.' });
  });

  it('datetime takes the local time a datetime-local input gives and stores the ISO instant in UTC', () => {
    const typed = '2026-12-06T15:30';
    const parsed = parseCellDraft(renews, typed);
    const expected = new Date(2026, 11, 6, 15, 30).toISOString().replace('.000Z', 'Z');
    expect(parsed).to.deep.equal({ ok: true, value: expected });
    expect(z.iso.datetime().safeParse(parsed.ok && parsed.value).success, 'an ISO instant').to.equal(true);
    expect(parseCellDraft(renews, '2026-12-06T15:30:45').ok).to.equal(true);
    for (const bad of ['2026-12-06', 'tomorrow', '2026-13-45T99:99', '2026-12-06T15:30:00+02:00'])
      expect(parseCellDraft(renews, bad), bad).to.deep.equal({
        ok: false,
        error: 'Renews at needs a date and time.',
      });
    expect(isoInstant('not a time')).to.equal(undefined);
  });

  it('a stored instant is edited as local time and comes back unchanged', () => {
    const stored = '2026-12-06T15:30:00Z';
    const draft = cellDraft(stored, renews, 'en');
    expect(draft).to.equal(localInput(new Date(stored)));
    expect(draft).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(parseCellDraft(renews, draft)).to.deep.equal({ ok: true, value: stored });
    const withSeconds = '2026-12-06T15:30:45Z';
    expect(cellDraft(withSeconds, renews, 'en')).to.equal(`${localInput(new Date(withSeconds))}:45.000`);
    expect(parseCellDraft(renews, cellDraft(withSeconds, renews, 'en')), 'seconds kept').to.deep.equal({
      ok: true,
      value: withSeconds,
    });
    expect(cellDraft(null, renews, 'en')).to.equal('');
    expect(cellDraft('2026-12-06', { ...renews, type: 'date' }, 'en')).to.equal('2026-12-06');
  });

  it('required refuses an empty value; an optional field left empty is null', () => {
    const required = { ...seats, constraints: { required: true } };
    for (const empty of ['', '   '])
      expect(parseCellDraft(required, empty), JSON.stringify(empty)).to.deep.equal({
        ok: false,
        error: 'Seats is required.',
      });
    for (const column of [
      { ...renews, constraints: { required: true } },
      { ...notes, constraints: { required: true } },
      { ...account, constraints: { required: true } },
    ])
      expect(parseCellDraft(column, '').ok, column.type).to.equal(false);
    expect(parseCellDraft(seats, '')).to.deep.equal({ ok: true, value: null });
    expect(parseCellDraft(notes, '')).to.deep.equal({ ok: true, value: null });
  });

  it('text keeps its lines and is held to minLength and maxLength', () => {
    expect(parseCellDraft(notes, 'ab', 'en')).to.deep.equal({
      ok: false,
      error: 'Notes needs at least 3 characters; this has 2.',
    });
    expect(parseCellDraft(notes, 'a\nb', 'en')).to.deep.equal({ ok: true, value: 'a\nb' });
    expect(parseCellDraft(notes, 'x'.repeat(11), 'en')).to.deep.equal({
      ok: false,
      error: 'Notes holds at most 10 characters; this has 11.',
    });
    const code: Column = {
      name: 'code',
      label: 'Code',
      type: 'string',
      constraints: { minLength: 2 },
      updatable: true,
    };
    expect(parseCellDraft(code, 'A', 'en').ok).to.equal(false);
    expect(parseCellDraft(code, 'AB', 'en')).to.deep.equal({ ok: true, value: 'AB' });
  });

  it('reference takes a record id as typed, trimmed', () => {
    expect(parseCellDraft(account, ' acc-1 ')).to.deep.equal({ ok: true, value: 'acc-1' });
  });
});
