import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Column } from '../../contract/schemas.js';
import { isoInstant } from '../../controllers/cell-edits.js';
import { formatNumber } from '../../internal/format.js';
import { choices } from './choices.js';
import { styles } from './table-filters.styles.js';

/** Search and filters apply this long after the last keystroke (Enter applies at once). */
const APPLY_DELAY = 250;

type Filter = { op: 'contains' | 'eq' | 'gte' | 'lte'; value: string };

/** What narrows the list: the search as typed and the filters as the route's `field:op:value`. */
export interface TableNarrowing {
  search: string;
  filter: string[];
}

/**
 * The table's search and filters: one filter per column, applied as the person types (once typing
 * pauses; Enter at once) or picks from a list (at once). Its search box, Filters button (with the
 * count of filters set) and Clear all sit in the table's toolbar, the panel on a line below it.
 * Applying fires `pk-filters-change` (not composed) with what narrows the list now.
 *
 * @tag pk-table-filters
 */
export class PkTableFilters extends LitElement {
  static override styles = styles;

  /** The columns to filter by. */
  @property({ attribute: false }) columns: readonly Column[] = [];
  /** Locale for numbers and the Yes / No of booleans. */
  @property() locale = 'en';

  @state() private search = '';
  /** What the person set, per field; applied after the pause. */
  @state() private filters: Record<string, Filter[]> = {};
  @state() private open = false;

  #applyTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#applyTimer);
  }

  override render() {
    const active = Object.keys(this.filters).length;
    return html`<input
        type="search"
        aria-label=${msg('Search')}
        placeholder=${msg('Search')}
        .value=${this.search}
        @input=${(e: Event) => {
          this.search = (e.target as HTMLInputElement).value;
          this.#apply();
        }}
        @keydown=${this.#applyOnEnter}
      />
      <button
        class="filters-toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => (this.open = !this.open)}
      >
        ${msg('Filters')}${
          active
            ? html`<span class="badge" aria-hidden="true">${formatNumber(active, this.locale)}</span
                ><span class="sr-only">, ${msg(str`${formatNumber(active, this.locale)} active`)}</span>`
            : nothing
        }
      </button>
      ${active ? html`<button @click=${this.#clear}>${msg('Clear all filters')}</button>` : nothing}
      ${this.open ? this.#panel() : nothing}`;
  }

  #panel() {
    const current = (field: string, op: Filter['op']) =>
      this.filters[field]?.find((f) => f.op === op)?.value ?? '';
    const typed = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<div class="filters" role="group" aria-label=${msg('Filters')}>
      ${this.columns.map((c) => {
        if (c.type === 'string' || c.type === 'text' || c.type === 'reference') {
          // Text is searched in; a reference is a record's id, matched whole.
          const op = c.type === 'reference' ? 'eq' : 'contains';
          return html`<label
            >${c.label}<input
              type="text"
              .value=${current(c.name, op)}
              @input=${(e: Event) => this.#set(c.name, [{ op, value: typed(e) }], false)}
              @keydown=${this.#applyOnEnter}
          /></label>`;
        }
        if (c.type === 'enum' || c.type === 'boolean') {
          // `.value` follows Clear all; `?selected` serves the first render (options come after it).
          return html`<label
            >${c.label}
            <select
              .value=${current(c.name, 'eq')}
              @change=${(e: Event) => this.#set(c.name, [{ op: 'eq', value: typed(e) }], true)}
            >
              <option value="">${msg('Any')}</option>
              ${choices(c, this.locale).map((o) => html`<option value=${o.value} ?selected=${current(c.name, 'eq') === o.value}>${o.label}</option>`)}
            </select></label
          >`;
        }
        // Dates, instants (typed as local time) and numbers: a from/to range.
        const type = c.type === 'date' ? 'date' : c.type === 'datetime' ? 'datetime-local' : 'number';
        const range = (op: 'gte' | 'lte', e: Event) =>
          this.#set(
            c.name,
            [...(this.filters[c.name] ?? []).filter((f) => f.op !== op), { op, value: typed(e) }],
            false,
          );
        return html`<fieldset class="range">
          <legend class="sr-only">${c.label}</legend>
          <label
            >${msg(str`${c.label} from`)}<input
              type=${type}
              .value=${current(c.name, 'gte')}
              @input=${(e: Event) => range('gte', e)}
              @keydown=${this.#applyOnEnter}
          /></label>
          <label
            >${msg('to')}<input
              type=${type}
              .value=${current(c.name, 'lte')}
              @input=${(e: Event) => range('lte', e)}
              @keydown=${this.#applyOnEnter}
          /></label>
        </fieldset>`;
      })}
    </div>`;
  }

  #set(field: string, list: Filter[], now: boolean) {
    const next = { ...this.filters, [field]: list.filter((f) => f.value !== '') };
    if (next[field]!.length === 0) delete next[field];
    this.filters = next;
    this.#apply(now);
  }

  #clear() {
    this.filters = {};
    this.#apply(true);
  }

  #applyOnEnter(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.#apply(true);
    }
  }

  /** Applies once typing pauses; `now` (Enter, a choice in a list, Clear all) at once. */
  #apply(now = false) {
    clearTimeout(this.#applyTimer);
    if (now) this.#emit();
    else this.#applyTimer = setTimeout(() => this.#emit(), APPLY_DELAY);
  }

  #emit() {
    // An instant is typed as local time and sent as the ISO instant in UTC the server compares.
    const datetime = (field: string) => this.columns.some((c) => c.name === field && c.type === 'datetime');
    const detail: TableNarrowing = {
      search: this.search,
      filter: Object.entries(this.filters).flatMap(([field, list]) =>
        list.map((f) => `${field}:${f.op}:${(datetime(field) && isoInstant(f.value)) || f.value}`),
      ),
    };
    this.dispatchEvent(new CustomEvent('pk-filters-change', { detail }));
  }
}
