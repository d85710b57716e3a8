import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PortalApiError } from '../api/errors.js';
import type { Column, FieldValue, RecordItem } from '../contract/schemas.js';
import { formatNumber } from '../internal/format.js';

/** A cell edit not yet confirmed: shown at once; kept when offline or refused, never lost. */
export interface CellEdit {
  value: FieldValue;
  /** `failed`: refused by the server; the draft stays in the cell until retried or discarded. */
  state: 'saving' | 'offline' | 'failed';
  error?: PortalApiError | undefined;
}

/**
 * Optimistic cell editing (R5): the new value shows at once; offline it is kept and retried with
 * growing pauses (at most 30 s apart); refused it stays in the cell with the reason until the
 * person retries or discards it. The host decides what to say; this keeps the state.
 */
export class CellEditsController implements ReactiveController {
  #edits = new Map<string, CellEdit>();
  #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      send: (id: string, field: string, value: FieldValue) => Promise<RecordItem>;
      saved: (record: RecordItem, field: string, value: FieldValue) => void;
      offline: () => void;
      refused: (id: string, field: string, error: unknown) => void;
    },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  get(id: string, field: string): CellEdit | undefined {
    return this.#edits.get(`${id}.${field}`);
  }

  async save(id: string, field: string, value: FieldValue, attempt = 0): Promise<void> {
    const key = `${id}.${field}`;
    this.#edits.set(key, { value, state: 'saving' });
    this.host.requestUpdate();
    try {
      const record = await this.options.send(id, field, value);
      this.#edits.delete(key);
      this.host.requestUpdate();
      this.options.saved(record, field, value);
    } catch (error) {
      if (error instanceof PortalApiError && error.code === 'network') {
        this.#edits.set(key, { value, state: 'offline' });
        this.host.requestUpdate();
        this.options.offline();
        const timer = setTimeout(
          () => {
            this.#timers.delete(timer);
            void this.save(id, field, value, attempt + 1);
          },
          Math.min(30_000, 1000 * 2 ** attempt),
        );
        this.#timers.add(timer);
        return;
      }
      this.#edits.set(key, {
        value,
        state: 'failed',
        error: error instanceof PortalApiError ? error : undefined,
      });
      this.host.requestUpdate();
      this.options.refused(id, field, error);
    }
  }

  discard(id: string, field: string) {
    this.#edits.delete(`${id}.${field}`);
    this.host.requestUpdate();
  }
}

/** Plain decimal notation, optionally with an exponent (no hex, no "Infinity"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A number as typed, with "," or "." as its decimal mark (whichever the person's locale uses, or
 * the other): one mark at most, no grouping — "1.234,5" is refused rather than guessed at.
 */
const typedDecimal = (typed: string) => (/^[^.,]*[.,]?[^.,]*$/.test(typed) ? typed.replace(',', '.') : typed);

/** A stored number as the editor shows it: the locale's decimal mark, no grouping. */
export function numberDraft(value: number, locale: string): string {
  const mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
  return mark === ',' ? String(value).replace('.', ',') : String(value);
}

/**
 * A stored value as its editor shows it: numbers with the locale's decimal mark, an instant as
 * the local time a `datetime-local` input takes (`2026-12-06T16:30`; seconds and milliseconds only
 * when it has some, so saving it unchanged keeps them), nothing as "".
 */
export function cellDraft(value: FieldValue | undefined, column: Column, locale: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberDraft(value, locale);
  const instant = new Date(String(value));
  if (column.type !== 'datetime' || Number.isNaN(instant.getTime())) return String(value);
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000).toISOString();
  return local.slice(0, instant.getSeconds() || instant.getMilliseconds() ? 23 : 16);
}

/**
 * A local date and time as a `datetime-local` input gives it (`2026-12-06T15:30`, seconds
 * optional) as the instant it names, in UTC (`2026-12-06T14:30:00Z` in Berlin); else undefined.
 */
export function isoInstant(local: string): string | undefined {
  const instant = new Date(local);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local) &&
    !Number.isNaN(instant.getTime())
    ? instant.toISOString().replace('.000Z', 'Z')
    : undefined;
}

/** Significant digits a number keeps exactly (a double holds 15 decimal digits). */
const EXACT_DIGITS = 15;

/** The significant digits of a decimal as typed: "0012.50" has 3, "1000000" has 1. */
function significantDigits(decimal: string): number {
  const [mantissa = ''] = decimal.replace(/^[+-]/, '').split(/e/i);
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/**
 * A typed cell draft as the field's value, or why it is not one — said before anything is sent,
 * from the column's type and constraints (the server checks the same again).
 */
export function parseCellDraft(
  column: Column,
  draft: string,
  locale = 'en',
): { ok: true; value: FieldValue } | { ok: false; error: string } {
  const refuse = (error: string) => ({ ok: false as const, error });
  const { constraints = {}, label, type } = column;
  if (draft.trim() === '')
    return constraints.required ? refuse(msg(str`${label} is required.`)) : { ok: true, value: null };
  if (type === 'integer' || type === 'decimal') {
    const typed = draft.trim();
    const n = Number(typedDecimal(typed));
    if (type === 'integer' && !Number.isInteger(n)) return refuse(msg(str`${label} needs a whole number.`));
    if (!DECIMAL.test(typedDecimal(typed)) || !Number.isFinite(n))
      return refuse(msg(str`${label} needs a number.`));
    if (constraints.min !== undefined && n < constraints.min)
      return refuse(msg(str`${label} must be at least ${formatNumber(constraints.min, locale)}.`));
    if (constraints.max !== undefined && n > constraints.max)
      return refuse(msg(str`${label} must be at most ${formatNumber(constraints.max, locale)}.`));
    // What was typed must be what is stored: no 1e20 for 99999999999999999999.
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER || significantDigits(typedDecimal(typed)) > EXACT_DIGITS)
      return refuse(msg(str`${label} cannot hold ${typed} exactly: use at most 15 digits.`));
    return { ok: true, value: n };
  }
  if (type === 'boolean') return { ok: true, value: draft === 'true' };
  if (type === 'date')
    return /^\d{4}-\d{2}-\d{2}$/.test(draft)
      ? { ok: true, value: draft }
      : refuse(msg(str`${label} needs a date.`));
  if (type === 'datetime') {
    const instant = isoInstant(draft.trim());
    return instant ? { ok: true, value: instant } : refuse(msg(str`${label} needs a date and time.`));
  }
  if (type === 'reference') return { ok: true, value: draft.trim() };
  if (type === 'enum' && !(column.options ?? []).some((o) => o.value === draft))
    return refuse(msg(str`${label} needs one of the listed values.`));
  if (constraints.minLength !== undefined && draft.length < constraints.minLength)
    return refuse(
      msg(
        str`${label} needs at least ${formatNumber(constraints.minLength, locale)} characters; this has ${formatNumber(draft.length, locale)}.`,
      ),
    );
  if (constraints.maxLength !== undefined && draft.length > constraints.maxLength)
    return refuse(
      msg(
        str`${label} holds at most ${formatNumber(constraints.maxLength, locale)} characters; this has ${formatNumber(draft.length, locale)}.`,
      ),
    );
  return { ok: true, value: draft };
}
