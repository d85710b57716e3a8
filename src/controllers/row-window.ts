import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Virtual scrolling for fixed-height rows: which rows to draw for a scroll position (plus an
 * overscan), recomputed at most once per frame however many scroll events arrive, and bringing a
 * row into view. The host draws only `rows()`; 100,000 rows keep a DOM of a few dozen.
 */
export class RowWindowController implements ReactiveController {
  /** First row drawn and how many. */
  first = 0;
  count = 30;
  #frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      rowHeight: number;
      overscan: number;
      scroller: () => HTMLElement | null | undefined;
    },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Call from the scroller's scroll event. */
  onScroll = () => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const scroller = this.options.scroller();
      if (!scroller) return;
      const { rowHeight, overscan } = this.options;
      const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - overscan);
      const count = Math.ceil(scroller.clientHeight / rowHeight) + 2 * overscan;
      if (first === this.first && count === this.count) return;
      this.first = first;
      this.count = count;
      this.host.requestUpdate();
    });
  };

  /** Rows to draw for `total` rows; `keep` (the active row) stays in the DOM even scrolled away. */
  rows(total: number, keep?: number): number[] {
    const end = Math.min(total, this.first + this.count);
    const rows: number[] = [];
    for (let row = Math.min(this.first, end); row < end; row++) rows.push(row);
    if (keep !== undefined && keep < total && (keep < this.first || keep >= end)) rows.push(keep);
    return rows;
  }

  /** The last row index in the window, for loading the pages that hold it. */
  last(total: number): number {
    return Math.min(total, this.first + this.count) - 1;
  }

  /** Scrolls so `row` is fully visible below a sticky header of one row. */
  reveal(row: number) {
    const scroller = this.options.scroller();
    if (!scroller) return;
    const { rowHeight } = this.options;
    const top = row * rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + 2 * rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + 2 * rowHeight - scroller.clientHeight;
  }

  /** Rows one PageUp/PageDown moves by. */
  pageRows(): number {
    return Math.max(
      1,
      Math.floor((this.options.scroller()?.clientHeight ?? 360) / this.options.rowHeight) - 1,
    );
  }
}
