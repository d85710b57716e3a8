import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import type { Portfolio, PortfolioItem } from '../../contract/manage.js';
import { portfolioList } from '../../contract/routes/session.js';
import { apiContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { formatNumber, formatValue } from '../../internal/format.js';
import { reportFailure } from '../../internal/failures.js';
import { messageFor } from '../../internal/messages.js';
import { plural } from '../../internal/plural.js';
import { styles } from './portfolio.styles.js';

type SortKey = 'name' | 'company' | 'phase' | 'owner' | 'activeEndUsers' | 'lastActivity';
/** The first page shown, and the search and order it was asked for. */
interface FirstPage {
  page: Portfolio;
  q: string;
  sort: { key: SortKey; descending: boolean };
}
/** Rows drawn at once; the search narrows the rest (the server filters 10,000 portals in ms). */
const SHOWN = 200;

/**
 * R22: the portals a staff member may open (R10, R11), searchable and sortable; opening one moves
 * this session into it — no new launch token.
 *
 * @tag pk-portfolio
 * @fires pk-portal-open - A portal was opened from the portfolio.
 * @fires pk-error - Loading or opening failed.
 */
export class PkPortfolio extends LitElement {
  static override styles = styles;

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  @state() private search = '';
  @state() private sort: { key: SortKey; descending: boolean } = { key: 'name', descending: false };
  @state() private opening = '';
  @state() private error = '';

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #searchTimer?: ReturnType<typeof setTimeout>;
  /** The search the list was last asked for (typing waits 200 ms before asking). */
  @state() private query = '';

  readonly #portals = new Task(this, {
    args: () => [this.#api.value, this.query, this.sort] as const,
    task: async ([api, q, sort], { signal }): Promise<FirstPage | undefined> => {
      if (!api) return undefined;
      this.#loads++;
      this.more = undefined;
      this.error = '';
      return { page: await api.call(portfolioList, { query: this.#query(q, sort), signal }), q, sort };
    },
  });
  /** Further pages the person asked for, and where to go on from. */
  @state() private more: { items: PortfolioItem[]; nextCursor: string | null } | undefined;
  @state() private loadingMore = false;
  /** Counts the loads of the first page: a further page asked for before the latest one is dropped. */
  #loads = 0;

  #query(q: string, sort: { key: SortKey; descending: boolean }, cursor?: string) {
    return { sort: `${sort.descending ? '-' : ''}${sort.key}`, q: q || undefined, limit: SHOWN, cursor };
  }

  /**
   * The next page of portals below the ones shown (asked for in the search and order of the first
   * page shown: its cursor belongs to them); focus stays on the button.
   */
  async #showMore(cursor: string, { q, sort }: FirstPage) {
    const api = this.#api.value;
    if (!api || this.loadingMore) return;
    this.loadingMore = true;
    this.error = '';
    // A page of the list as it was: dropped when the list was loaded again meanwhile (search, sort).
    const base = this.#loads;
    try {
      const page = await api.call(portfolioList, { query: this.#query(q, sort, cursor) });
      if (this.#loads !== base) return;
      const shown = this.renderRoot.querySelectorAll('tbody tr').length;
      this.more = { items: [...(this.more?.items ?? []), ...page.items], nextCursor: page.nextCursor };
      // The last page: the button goes, so focus goes to the first portal it brought.
      if (!page.nextCursor) {
        await this.updateComplete;
        const row = this.renderRoot.querySelectorAll('tbody tr')[shown];
        row?.querySelector<HTMLElement>('button.open')?.focus();
      }
    } catch (error) {
      const code = reportFailure(this, error);
      if (code) this.error = messageFor(code);
    } finally {
      this.loadingMore = false;
    }
  }

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  override render() {
    return html`<h2>${msg('Portals you can open')}</h2>
      <div class="toolbar">
        <input
          type="search"
          aria-label=${msg('Search portals, companies and owners')}
          placeholder=${msg('Search portals, companies and owners')}
          .value=${this.search}
          @input=${this.#onSearch}
        />
        ${this.#portals.value ? html`<span class="count" role="status">${this.#count(this.#portals.value.page.total)}</span>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.#portals.render({
        initial: () => html`<p role="status" aria-busy="true">${msg('Loading portfolio…')}</p>`,
        pending: () =>
          this.#portals.value
            ? this.#table(this.#portals.value)
            : html`<p role="status" aria-busy="true">${msg('Loading portfolio…')}</p>`,
        error: (e) =>
          html`<div class="error" role="alert">
            <p>
              ${e instanceof PortalApiError ? messageFor(e.code) : msg('The portfolio could not be loaded.')}
            </p>
            <button @click=${() => this.#portals.run()}>${msg('Try again')}</button>
          </div>`,
        complete: (items) => (items ? this.#table(items) : nothing),
      })}`;
  }

  #count(n: number) {
    const count = formatNumber(n, this.locale);
    return plural(this.locale, n, { one: msg(str`${count} portal`), other: msg(str`${count} portals`) });
  }

  #table(first: FirstPage) {
    const items = [...first.page.items, ...(this.more?.items ?? [])];
    const next = this.more ? this.more.nextCursor : first.page.nextCursor;
    if (items.length === 0)
      return html`<p class="empty">
        ${this.query ? msg('No portal matches your search.') : msg('There are no portals you can open yet.')}
      </p>`;
    const header = (key: SortKey, label: string, number = false) => {
      const sorted = this.sort.key === key;
      return html`<th
        role="columnheader"
        scope="col"
        class=${number ? 'number' : ''}
        aria-sort=${sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button @click=${() => (this.sort = { key, descending: sorted ? !this.sort.descending : false })}>
          ${label}${sorted ? (this.sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>`;
    };
    return html`<div class="scroll cards">
        <table role="table" aria-label=${msg('Portfolio')}>
          <thead role="rowgroup">
            <tr role="row" data-label=${msg('Sort by')}>
              ${header('name', msg('Portal'))} ${header('company', msg('Company'))}
              ${header('phase', msg('Phase'))} ${header('owner', msg('Owner'))}
              ${header('activeEndUsers', msg('Active users (30 days)'), true)}
              ${header('lastActivity', msg('Last activity'))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${items.map(
              (p) =>
                html`<tr role="row">
                  <td role="cell">
                    <button
                      class="open"
                      ?disabled=${!!this.opening}
                      aria-label=${msg(str`Open ${p.name}`)}
                      @click=${() => this.#open(p)}
                    >
                      ${this.opening === p.id ? msg('Opening…') : p.name}
                    </button>
                  </td>
                  <td role="cell" data-label=${msg('Company')}>${p.company}</td>
                  <td role="cell" data-label=${msg('Phase')}>${p.phase}</td>
                  <td role="cell" data-label=${msg('Owner')}>${p.owner ?? '—'}</td>
                  <td role="cell" class="number" data-label=${msg('Active users (30 days)')}>
                    ${formatNumber(p.activeEndUsers, this.locale)}
                  </td>
                  <td role="cell" data-label=${msg('Last activity')}>
                    ${formatValue(p.lastActivity, 'date', this.locale)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        next
          ? html`<p class="more">
              ${msg(str`Showing the first ${formatNumber(items.length, this.locale)}: search to narrow the list.`)}
              <button aria-busy=${this.loadingMore} @click=${() => this.#showMore(next, first)}>
                ${this.loadingMore ? msg('Loading…') : msg('Show more portals')}
              </button>
            </p>`
          : nothing
      }`;
  }

  #onSearch(event: Event) {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => (this.query = this.search.trim()), 200);
  }

  async #open(portal: PortfolioItem) {
    const api = this.#api.value;
    if (!api) return;
    // In the shell, the opened portal replaces this list as soon as the session moves — before
    // `switchPortal` resolves — and an event from a removed element reaches no one: it then
    // leaves from the shell's host element, which stays in the page.
    const root = this.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : this;
    this.opening = portal.id;
    this.error = '';
    try {
      await api.switchPortal(portal.id);
      emit(this.isConnected ? this : host, 'pk-portal-open', { portalId: portal.id });
    } catch (error) {
      const code = reportFailure(this, error);
      if (code) this.error = messageFor(code);
    } finally {
      this.opening = '';
    }
  }
}
