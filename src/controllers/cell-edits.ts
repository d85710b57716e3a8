import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PortalApiError } from '../api/errors.js';
import type { Column, FieldValue, RecordItem } from '../contract/schemas.js';

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

/** A typed cell draft as the field's value, or why it is not one (said before anything is sent). */
export function parseCellDraft(
  column: Column,
  draft: string,
): { ok: true; value: FieldValue } | { ok: false; error: string } {
  if (draft.trim() === '') return { ok: true, value: null };
  if (column.type === 'number') {
    const n = Number(draft);
    return Number.isFinite(n)
      ? { ok: true, value: n }
      : { ok: false, error: msg(str`${column.label} needs a number.`) };
  }
  if (column.type === 'boolean') return { ok: true, value: draft === 'true' };
  if (column.type === 'date')
    return /^\d{4}-\d{2}-\d{2}$/.test(draft)
      ? { ok: true, value: draft }
      : { ok: false, error: msg(str`${column.label} needs a date.`) };
  if (column.type === 'enum' && !(column.options ?? []).includes(draft))
    return { ok: false, error: msg(str`${column.label} needs one of the listed values.`) };
  return { ok: true, value: draft };
}
