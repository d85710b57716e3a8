import type { Column } from '../../contract/schemas.js';
import { formatField } from '../../internal/format.js';

/** The values a list offers for an enum or boolean column, in order, as the table shows them. */
export function choices(column: Column, locale: string): { value: string; label: string }[] {
  return column.type === 'enum'
    ? (column.options ?? [])
    : ['true', 'false'].map((value) => ({ value, label: formatField(value, column, locale) }));
}
