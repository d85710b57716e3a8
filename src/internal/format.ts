import { msg } from '@lit/localize';
import type { Column, FieldType } from '../contract/schemas.js';

/** The kinds of value the parts show: a field's type, or a month ("2025-01") of a series. */
export type ValueKind = FieldType | 'month';

interface Formatters {
  number: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  datetime: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
}
const cache = new Map<string, Formatters>();

function formatters(locale: string): Formatters {
  let f = cache.get(locale);
  if (!f) {
    f = {
      // Decimals with at most two fraction digits; integers are whole, so they show none.
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
      // Dates are calendar days: shown in UTC so no time zone moves them a day.
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      // Instants are shown in the viewer's time zone.
      datetime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      month: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    };
    cache.set(locale, f);
  }
  return f;
}

/**
 * The one way a value is shown, in the person's language: numbers grouped (integers without
 * fraction digits), dates, instants (in the viewer's time zone) and months localised, booleans as
 * Yes/No (stored `true` or the string "true" of a group key), nothing as "—"; text and references
 * as they are.
 */
export function formatValue(value: unknown, kind: ValueKind, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const f = formatters(locale);
  switch (kind) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? f.number.format(value) : String(value);
    case 'date':
    case 'datetime': {
      const date = new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : f[kind].format(date);
    }
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(String(value));
      return m ? f.month.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : String(value);
    }
    case 'boolean':
      return value === true || value === 'true' ? msg('Yes') : msg('No');
    default:
      return String(value);
  }
}

export const formatNumber = (value: number, locale: string) => formatters(locale).number.format(value);

/** A field's value as a cell shows it: an enum's option label, else `formatValue`. */
export function formatField(value: unknown, column: Column, locale: string): string {
  const option = column.type === 'enum' ? column.options?.find((o) => o.value === value) : undefined;
  return option ? option.label : formatValue(value, column.type, locale);
}
