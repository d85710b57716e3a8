import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styles } from './picker.styles.js';

/** One row the person may pick: its id and the text of each column. */
export interface PickerItem {
  id: string;
  cells: readonly string[];
}

/**
 * The one dialog for choosing records or files to share (table, file area, staff parts): search,
 * select all on what the search shows, several columns, counts. Opens with focus on the search
 * that filters its list; confirming fires `pk-picker-confirm` (not composed) with the chosen ids.
 *
 * @tag pk-picker
 */
export class PkPicker extends LitElement {
  static override styles = styles;

  @property() heading = '';
  /** Column labels; each item has one cell per column. */
  @property({ attribute: false }) columns: readonly string[] = [];
  /** Undefined while loading. */
  @property({ attribute: false }) items?: readonly PickerItem[];
  @property({ attribute: 'confirm-label' }) confirmLabel = '';
  @property({ attribute: 'empty-text' }) emptyText = '';

  @state() private search = '';
  @state() private chosen = new Set<string>();

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('input[type="search"]') private searchBox?: HTMLInputElement;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Opens empty-handed: nothing chosen, no search. */
  async show(): Promise<void> {
    this.search = '';
    this.chosen = new Set();
    await this.updateComplete;
    this.dialog?.showModal();
    this.searchBox?.focus();
  }

  close(): void {
    this.dialog?.close();
  }

  override updated(changed: Map<string, unknown>) {
    // Opened while loading: once the list arrives, focus starts on its search.
    if (changed.has('items') && changed.get('items') === undefined && this.items && this.dialog?.open)
      this.searchBox?.focus();
  }

  get #shown(): readonly PickerItem[] {
    const q = this.search.trim().toLocaleLowerCase();
    const items = this.items ?? [];
    return q ? items.filter((item) => item.cells.some((c) => c.toLocaleLowerCase().includes(q))) : items;
  }

  override render() {
    const shown = this.#shown;
    const total = this.items?.length ?? 0;
    const chosenShown = shown.filter((i) => this.chosen.has(i.id)).length;
    const all = shown.length > 0 && chosenShown === shown.length;
    return html`<dialog aria-labelledby="title">
      <h3 id="title">${this.heading}</h3>
      ${
        this.items === undefined
          ? html`<p role="status">${msg('Loading…')}</p>`
          : total === 0
            ? html`<p class="empty">${this.emptyText}</p>`
            : html`<input
                  type="search"
                  aria-label=${msg('Search the list')}
                  aria-controls="list"
                  placeholder=${msg('Search…')}
                  .value=${this.search}
                  @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
                />
                <p class="count" role="status">
                  ${msg(str`${this.chosen.size} of ${total} selected`)}${shown.length < total ? html` · ${msg(str`${shown.length} match`)}` : nothing}
                </p>
                <div class="scroll">
                  <table id="list">
                    <thead>
                      <tr>
                        <th scope="col" class="pick">
                          <input
                            type="checkbox"
                            aria-label=${msg('Select all shown')}
                            .checked=${all}
                            .indeterminate=${chosenShown > 0 && !all}
                            ?disabled=${shown.length === 0}
                            @change=${() => this.#chooseAll(shown, !all)}
                          />
                        </th>
                        ${this.columns.map((c) => html`<th scope="col">${c}</th>`)}
                      </tr>
                    </thead>
                    <tbody>
                      ${shown.map(
                        (item) =>
                          html`<tr>
                            <td class="pick">
                              <input
                                type="checkbox"
                                aria-label=${msg(str`Select ${item.cells[0] ?? item.id}`)}
                                .checked=${this.chosen.has(item.id)}
                                @change=${(e: Event) => this.#choose(item.id, (e.target as HTMLInputElement).checked)}
                              />
                            </td>
                            ${item.cells.map((c) => html`<td title=${c}>${c}</td>`)}
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                  ${shown.length === 0 ? html`<p class="empty">${msg('Nothing matches your search.')}</p>` : nothing}
                </div>`
      }
      <div class="dialog-actions">
        <button @click=${() => this.close()}>${msg('Cancel')}</button>
        <button class="primary" ?disabled=${this.chosen.size === 0} @click=${this.#confirm}>
          ${this.confirmLabel} (${this.chosen.size})
        </button>
      </div>
    </dialog>`;
  }

  #choose(id: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  #chooseAll(items: readonly PickerItem[], on: boolean) {
    const next = new Set(this.chosen);
    for (const item of items) {
      if (on) next.add(item.id);
      else next.delete(item.id);
    }
    this.chosen = next;
  }

  #confirm() {
    const ids = [...this.chosen];
    this.close();
    this.dispatchEvent(new CustomEvent('pk-picker-confirm', { detail: { ids } }));
  }
}
