import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Column, FieldValue, RecordItem } from '../contract/schemas.js';

/** Narrowest and widest starting width per column type, px. */
const BOUNDS: Partial<Record<Column['type'], [number, number]>> = {
  integer: [80, 160],
  decimal: [80, 160],
  date: [110, 160],
  datetime: [150, 200],
  boolean: [72, 110],
  enum: [96, 200],
  string: [140, 360],
  text: [160, 420],
  reference: [120, 240],
};
/** The width assumed for a column not on screen, px. */
const DEFAULT_WIDTH = 160;
/** No column gets narrower than this by dragging or by keys, px. */
const MIN_WIDTH = 60;
/** One Alt+Arrow press, px. */
const KEY_STEP = 16;
/** Rows of content a starting width looks at. */
const SAMPLE = 50;

/**
 * Column widths of a grid. A column starts from its type and what it holds (the label and the
 * first loaded rows), within bounds per type; columns share the spare width in that proportion
 * (`minmax(base, base fr)`), so the grid fills its box. The person resizes a column by dragging its
 * handle or with Alt+Left / Alt+Right on its header; a width they set wins. Widths live as long as
 * the host (nothing is stored).
 */
export class ColumnSizingController implements ReactiveController {
  #widths: Record<string, number> = {};
  #stopDrag?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      /** Rows to size from (the loaded ones). */
      sample: () => readonly RecordItem[];
      /** A value as the grid shows it. */
      format: (value: FieldValue | undefined, column: Column) => string;
      /** The header of a column on screen, to start a resize from its current width. */
      header: (field: string) => Element | null | undefined;
    },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.#stopDrag?.();
  }

  /** The width the person set, if any. */
  width(field: string): number | undefined {
    return this.#widths[field];
  }

  /** The grid's `grid-template-columns`. */
  template(columns: readonly Column[]): string {
    return columns
      .map((c) => {
        const set = this.#widths[c.name];
        if (set) return `${set}px`;
        const base = this.baseWidth(c);
        return `minmax(${base}px, ${base}fr)`;
      })
      .join(' ');
  }

  /** A column's starting width from its type, label and content, within its type's bounds. */
  baseWidth(column: Column): number {
    const [min, max] = BOUNDS[column.type] ?? [120, 320];
    let chars = column.label.length + 3; // room for the sort arrow
    for (const record of this.options.sample().slice(0, SAMPLE))
      chars = Math.max(chars, this.options.format(record[column.name], column).length);
    return Math.min(max, Math.max(min, Math.round(chars * 7.5 + 24)));
  }

  /** Alt+Left / Alt+Right on a column header narrows or widens the column. */
  onHeaderKey(event: KeyboardEvent, field: string) {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const width = this.#widths[field] ?? this.#current(field);
    this.#set(field, width + (event.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP));
  }

  /** A drag on a column's handle: the column follows the pointer until it is released. */
  startResize(event: PointerEvent, field: string) {
    event.preventDefault();
    this.#stopDrag?.();
    const start = event.clientX;
    const initial = this.#widths[field] ?? this.#current(field);
    const move = (e: PointerEvent) => this.#set(field, initial + e.clientX - start);
    const stop = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
      this.#stopDrag = undefined;
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
    this.#stopDrag = stop;
  }

  #set(field: string, width: number) {
    this.#widths = { ...this.#widths, [field]: Math.max(MIN_WIDTH, width) };
    this.host.requestUpdate();
  }

  /** The width a column has on screen now (it may have grown to fill the grid). */
  #current(field: string): number {
    return this.options.header(field)?.getBoundingClientRect().width || DEFAULT_WIDTH;
  }
}
