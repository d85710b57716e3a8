import type { Column } from '../../contract/schemas.js';
import { formatField } from '../../internal/format.js';

/** The values a list offers for an enum or boolean column, in order, as the table shows them. */
export function choices(column: Column, locale: string): { value: string; label: string }[] {
  return column.type === 'enum'
    ? (column.options ?? [])
    : ['true', 'false'].map((value) => ({ value, label: formatField(value, column, locale) }));
}

/**
 * The input a column's value is typed into. Numbers are typed as text (a number input would hand
 * over "" for "1e", clearing the field), with the keyboard that fits.
 */
export function inputFor(column: Column): {
  type: 'date' | 'datetime-local' | 'text';
  inputmode: 'numeric' | 'decimal' | 'text';
} {
  const { type } = column;
  return {
    type: type === 'date' ? 'date' : type === 'datetime' ? 'datetime-local' : 'text',
    inputmode: type === 'integer' ? 'numeric' : type === 'decimal' ? 'decimal' : 'text',
  };
}
