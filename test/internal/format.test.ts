// formatValue / formatField: each field type of the tenant's schema shown in the person's language —
// integers and decimals as numbers, instants as date and time in the viewer's time zone, text and
// references as they are.
import { expect } from '@open-wc/testing';
import type { Column } from '../../src/contract/schemas.js';
import { formatField, formatValue } from '../../src/internal/format.js';

describe('formatValue: the field types', () => {
  it('integers and decimals are grouped numbers in the locale; integers show no fraction', () => {
    expect(formatValue(1234, 'integer', 'en')).to.equal('1,234');
    expect(formatValue(1234, 'integer', 'de')).to.equal('1.234');
    expect(formatValue(1234.5, 'decimal', 'en')).to.equal('1,234.5');
    expect(formatValue(1234.5, 'decimal', 'de')).to.equal('1.234,5');
    expect(formatValue(0.125, 'decimal', 'en')).to.equal('0.13');
    expect(formatValue(null, 'integer', 'en')).to.equal('—');
  });

  it('an instant is shown as date and time in the viewer’s time zone', () => {
    const instant = '2026-12-06T15:30:00Z';
    const local = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(formatValue(instant, 'datetime', 'en')).to.equal(local.format(new Date(instant)));
    expect(formatValue(instant, 'datetime', 'en')).to.match(/2026/);
    expect(formatValue(instant, 'datetime', 'en')).not.to.equal(formatValue(instant, 'date', 'en'));
    const de = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' });
    expect(formatValue(instant, 'datetime', 'de')).to.equal(de.format(new Date(instant)));
    expect(formatValue('soon', 'datetime', 'en'), 'not an instant: as it is').to.equal('soon');
  });

  it('a date stays its calendar day; text and references are shown as they are', () => {
    expect(formatValue('2026-12-06', 'date', 'en')).to.equal('Dec 6, 2026');
    expect(formatValue('first line\nsecond', 'text', 'en')).to.equal('first line\nsecond');
    expect(formatValue('acc-1', 'reference', 'en')).to.equal('acc-1');
    expect(formatValue('2025-01', 'month', 'en')).to.equal('Jan 2025');
  });

  it('formatField follows the column’s type', () => {
    const column = (type: Column['type']): Column => ({ name: 'f', label: 'F', type, updatable: false });
    expect(formatField(5000, column('integer'), 'en')).to.equal('5,000');
    expect(formatField(true, column('boolean'), 'en')).to.equal('Yes');
    expect(formatField('2026-12-06T15:30:00Z', column('datetime'), 'en')).to.equal(
      formatValue('2026-12-06T15:30:00Z', 'datetime', 'en'),
    );
  });
});
