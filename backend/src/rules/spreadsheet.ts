// R5: an export is a CSV a spreadsheet opens as the person saw the table: UTF-8 with a
// byte-order mark (Excel reads accents), CRLF lines, the locale's list separator, values as the
// table shows them. Plain TypeScript and Intl: no DOM, the same in Node and in the browser (msw).
import type { FieldDef } from '../world/models.js';
import type { FieldValue } from '../ports/record-plan.js';

/** Booleans as the table shows them ("Yes"/"No" are the UI's own strings, translated alike). */
const YES_NO: Record<string, readonly [yes: string, no: string]> = {
  en: ['Yes', 'No'],
  de: ['Ja', 'Nein'],
};

export interface Cell {
  value: FieldValue | undefined;
  /** The field the value belongs to; none for a header. */
  def: FieldDef | undefined;
}

/** One cell's text: always quoted; text a spreadsheet would run as a formula is neutralised. */
function quoted(text: string, free: boolean): string {
  const safe = free && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A spreadsheet for `locale` (a BCP 47 tag; unknown ones read as English). */
export function spreadsheet(locale: string) {
  let tag = 'en';
  try {
    tag = Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    // Not a locale tag: English.
  }
  // Numbers with the locale's decimal mark, no grouping, every digit kept.
  const numbers = new Intl.NumberFormat(tag, { useGrouping: false, maximumFractionDigits: 20 });
  const separator = numbers.format(1.5).includes(',') ? ';' : ',';
  const [yes, no] = YES_NO[tag.split('-')[0]!.toLowerCase()] ?? YES_NO.en!;

  const text = ({ value, def }: Cell): string => {
    if (value === null || value === undefined || value === '') return '';
    if (!def) return String(value);
    switch (def.type) {
      case 'integer':
      case 'decimal':
        return typeof value === 'number' ? numbers.format(value) : String(value);
      case 'boolean':
        return value === true ? yes : no;
      case 'enum':
        return def.options?.find((o) => o.value === value)?.label ?? String(value);
      default:
        // Dates and instants stay ISO (2026-01-31, 2026-01-31T09:00:00.000Z): every spreadsheet reads them.
        return String(value);
    }
  };
  // Only a real number is written as it is: any text (a date or a number field holding text
  // through an import included) is neutralised if a spreadsheet would run it.
  const free = ({ value }: Cell) => typeof value !== 'number';

  return {
    row: (cells: readonly Cell[]) => cells.map((c) => quoted(text(c), free(c))).join(separator),
    file: (lines: readonly string[]) => '\uFEFF' + lines.join('\r\n') + '\r\n',
  };
}
