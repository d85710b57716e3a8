import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PortalApiError } from '../api/errors.js';
import type { RecordItem, RecordPage } from '../contract/schemas.js';

/** A failed page is asked again at most this many times (1, 2, 4 s apart). */
export const MAX_RETRIES = 3;

/**
 * The rows of a server-paged list, fetched page by page as they come into view and kept until
 * the query changes. Only a network failure or a 5xx is asked again, a few times with growing
 * pauses; a refusal (4xx) stays refused until the person asks again — never a request loop.
 */
export class RecordPagesController implements ReactiveController {
  #pages = new Map<number, RecordItem[]>();
  #requested = new Set<number>();
  #attempts = new Map<number, number>();
  #generation = 0;
  #retry?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      pageSize: number;
      /** Fetches one page (offset in rows); undefined when nothing can be asked yet. */
      load: (offset: number) => Promise<RecordPage> | undefined;
      /** A page arrived. */
      loaded: (page: RecordPage) => void;
      /** A page is refused for good; `retry` asks again when the person chooses to. */
      failed: (error: unknown, retry: () => void) => void;
    },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    clearTimeout(this.#retry);
  }

  /** Forgets every row: the query, the session or the page changed. */
  reset() {
    this.#generation++;
    clearTimeout(this.#retry);
    this.#pages = new Map();
    this.#requested = new Set();
    this.#attempts = new Map();
  }

  /** Rows already known (the first page arrives with the page payload). */
  seed(index: number, items: RecordItem[]) {
    this.#pages.set(index, items);
    this.#requested.add(index);
  }

  record(row: number): RecordItem | undefined {
    const size = this.options.pageSize;
    return this.#pages.get(Math.floor(row / size))?.[row % size];
  }

  /** The first loaded rows, to size columns from their content. */
  sample(): readonly RecordItem[] {
    return this.#pages.get(0) ?? [];
  }

  /** Puts the server's copy of a changed record in place, wherever it is loaded. */
  replace(record: RecordItem) {
    for (const list of this.#pages.values()) {
      const index = list.findIndex((r) => r.id === record.id);
      if (index >= 0) list[index] = record;
    }
  }

  /** Something was asked and some rows arrived. */
  get started(): boolean {
    return this.#requested.size > 0 && this.#pages.size > 0;
  }

  /** Asks for the pages holding rows `first`…`last` (each page once). */
  ensure(first: number, last: number) {
    const size = this.options.pageSize;
    for (let p = Math.floor(first / size); p <= Math.floor(Math.max(0, last) / size); p++)
      void this.#fetch(p);
  }

  async #fetch(index: number) {
    if (this.#requested.has(index)) return;
    const request = this.options.load(index * this.options.pageSize);
    if (!request) return;
    this.#requested.add(index);
    const generation = this.#generation;
    try {
      const page = await request;
      if (generation !== this.#generation) return;
      this.#pages.set(index, page.items);
      this.options.loaded(page);
    } catch (error) {
      if (generation !== this.#generation) return;
      const attempt = (this.#attempts.get(index) ?? 0) + 1;
      const status = error instanceof PortalApiError ? error.status : 0;
      if ((status === 0 || status >= 500) && attempt <= MAX_RETRIES) {
        this.#attempts.set(index, attempt);
        this.#retry = setTimeout(
          () => {
            if (generation !== this.#generation) return;
            this.#requested.delete(index);
            void this.#fetch(index);
          },
          1000 * 2 ** (attempt - 1),
        );
        return;
      }
      this.options.failed(error, () => {
        this.#attempts.delete(index);
        this.#requested.delete(index);
        void this.#fetch(index);
      });
    }
  }
}
