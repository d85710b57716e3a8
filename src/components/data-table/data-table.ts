import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { inlineStyles } from '../../internal/inline-styles.js';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { PortalApiError } from '../../api/errors.js';
import {
  recordsExport,
  recordsList,
  recordsRemove,
  recordsShare,
  recordsUnshared,
  recordsUpdate,
} from '../../contract/routes/records.js';
import type { Column, FieldValue, PagePayload, RecordItem } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { plural } from '../../internal/plural.js';
import type { PkPicker } from '../picker/picker.js';
import { formatField, formatNumber } from '../../internal/format.js';
import { gridMove } from '../../controllers/grid-keys.js';
import { RowWindowController } from '../../controllers/row-window.js';
import { RecordPagesController } from '../../controllers/record-pages.js';
import { ColumnSizingController } from '../../controllers/column-sizing.js';
import { CellEditsController, cellDraft, parseCellDraft } from '../../controllers/cell-edits.js';
import { NoticeController } from '../../controllers/notices.js';
import { pagePayloadTask } from '../../controllers/page-payload.js';
import { reportFailure } from '../../internal/failures.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { choices, inputFor } from './choices.js';
import type { PkRecordDialogs } from './record-dialogs.js';
import type { TableNarrowing } from './table-filters.js';
import { styles } from './data-table.styles.js';

/** Records fetched per request; the bootstrap's first page has the same size. */
const PAGE = 100;
/** Rows have one fixed height, so the visible window is plain arithmetic. */
const ROW_HEIGHT = 36;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 6;
/** Class of a number column's header and cells: their text ends where the column ends. */
const numberClass = (column: Column) =>
  column.type === 'integer' || column.type === 'decimal' ? 'number' : '';

type Config = Required<Pick<PagePayload, 'id' | 'title' | 'access' | 'model' | 'columns' | 'permissions'>>;

/**
 * A data table page: records of one model shared to the portal, server-side sort, filter,
 * search and paging, virtual scrolling, inline editing, create, remove, export (R3, R5, R19).
 *
 * @tag pk-data-table
 * @csspart grid - The grid.
 * @csspart toolbar - Search, filters and actions.
 * @cssprop --pk-data-table-height - Height of the scrolling grid.
 * @fires pk-record-update - A cell edit was saved.
 * @fires pk-record-create - A record was created.
 * @fires pk-record-remove - A record was removed.
 * @fires pk-records-export - A CSV export was downloaded.
 * @fires pk-records-share - Vendor staff shared or unshared records.
 * @fires pk-error - Loading or saving failed.
 */
export class PkDataTable extends LitElement {
  static override styles = styles;

  /** Id of the table page (columns and permissions come from it). */
  @property() page = '';

  /** The page's content when already known (from the shell). */
  @property({ attribute: false }) payload?: PagePayload;

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  @state() private config?: Config;
  @state() private loadError?: PortalApiError;
  @state() private total = 0;
  /** A filtered list matched more than it counted (`total`): the count says "10,000+". */
  @state() private capped = false;
  @state() private sort?: { field: string; direction: 'asc' | 'desc' };
  /** The search and filters applied (the filters part holds what is being typed). */
  @state() private narrowing: TableNarrowing = { search: '', filter: [] };
  @state() private active = { row: 0, col: 0 };
  /** The cell being edited; `refused`: why the draft cannot be saved (it stays in the editor). */
  @state() private editing?: { row: number; col: number; draft: string; refused?: boolean };
  /** One message above the grid, with the actions it offers (Try again, Discard, Undo). */
  /** What happened (created, removed, unshared with Undo) or why it did not. */
  readonly #notices = new NoticeController(this);
  /** The person chose a row (click, keyboard): only then do row actions apply to it. */
  @state() private rowPicked = false;
  @state() private revision = 0;
  /** The record dialogs are wanted (they load the first time one opens). */
  @state() private dialogsLoaded = false;
  @state() private unshared?: RecordItem[];
  @state() private exporting = false;

  @query('.scroll') private scroller?: HTMLElement;
  @query('pk-record-dialogs') private recordDialogs?: PkRecordDialogs;
  @query('pk-picker.share') private sharePicker?: PkPicker;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  readonly #edits = new CellEditsController(this, {
    send: (id, field, value) =>
      this.#api.value!.call(recordsUpdate, {
        params: { model: this.config!.model, id },
        query: { page: this.config!.id },
        body: { fields: { [field]: value } },
      }),
    saved: (record, field, value) => {
      this.#notices.clear();
      this.#rows.replace(record);
      this.revision++;
      emit(this, 'pk-record-update', {
        model: this.config!.model,
        id: record.id,
        fields: { [field]: value },
      });
    },
    offline: () =>
      this.#notices.info(
        msg('Not saved yet: the portal is offline. Your change is kept and will be retried.'),
      ),
    refused: (id, field, error) => this.#refused(id, field, error),
  });
  #focusAfterRender = false;
  #dialogsLoading?: Promise<void>;
  readonly #rows = new RecordPagesController(this, {
    pageSize: PAGE,
    load: (offset) =>
      this.#api.value && this.config
        ? this.#api.value.call(recordsList, {
            params: { model: this.config.model },
            query: { ...this.#listQuery(), offset, limit: PAGE },
          })
        : undefined,
    loaded: (page) => {
      this.total = page.total;
      this.capped = page.totalExact === false;
      this.revision++;
    },
    failed: (error, retry) =>
      this.#fail(error, () => {
        this.#notices.clear();
        retry();
      }),
  });
  readonly #window = new RowWindowController(this, {
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    scroller: () => this.scroller,
  });
  readonly #sizing = new ColumnSizingController(this, {
    sample: () => this.#rows.sample(),
    format: (value, column) => this.#format(value, column),
    header: (field) => {
      const index = this.config?.columns.findIndex((c) => c.name === field) ?? -1;
      return this.renderRoot.querySelector(`[role="columnheader"][aria-colindex="${index + 1}"]`);
    },
  });
  #apiSeen?: unknown;
  /** The page: handed over by the shell, or fetched (one place: pagePayloadTask). */
  readonly #content = pagePayloadTask(this, {
    complete: (page) => this.#configure(page),
    error: (error) => this.#fail(error),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override willUpdate() {
    // Derived before rendering, never set again in `updated` (Lit's change-in-update). A new
    // session (or none) means another principal: drop every record of the previous one (the page
    // task then loads the page again for the new one).
    const api = this.#api.value;
    if (api !== this.#apiSeen) {
      this.#apiSeen = api;
      this.config = undefined;
      this.#reset();
      this.total = 0;
    }
  }

  override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    if (this.config && this.#api.value) this.#ensureWindow();
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.#activeCell()?.focus({ preventScroll: true });
    }
  }

  // ── Data ────────────────────────────────────────────────────────────────────────────────

  /** The page's columns and permissions, and its first records when the shell handed them over. */
  #configure(page: PagePayload | undefined) {
    try {
      if (!page) return;
      if (page.type !== 'table' || !page.model || !page.columns || !page.permissions)
        throw new PortalApiError('not_found', 'Not a table page.', 404);
      this.config = {
        id: page.id,
        title: page.title,
        access: page.access,
        model: page.model,
        columns: page.columns,
        permissions: page.permissions,
      };
      this.loadError = undefined;
      this.#reset();
      if (page.records) {
        this.#rows.seed(0, page.records.items);
        this.total = page.records.total;
        this.capped = page.records.totalExact === false;
      } else this.#rows.ensure(0, 0);
    } catch (error) {
      this.#fail(error);
    }
  }

  #reset() {
    this.#rows.reset();
    this.active = { row: 0, col: this.active.col };
    this.rowPicked = false;
  }

  /** The list as the person narrowed and ordered it: the rows and the export ask the same. */
  #listQuery(): { sort?: string; q?: string; filter: string[] } {
    const q = this.narrowing.search.trim();
    return {
      ...(this.sort ? { sort: `${this.sort.direction === 'desc' ? '-' : ''}${this.sort.field}` } : {}),
      ...(q ? { q } : {}),
      filter: this.narrowing.filter,
    };
  }

  #reload() {
    this.#reset();
    this.total = 0;
    this.#rows.ensure(0, 0);
  }

  #fail(error: unknown, retry?: () => void) {
    if (this.config) {
      this.#notices.fail(error, retry ? { actions: [{ label: msg('Try again'), run: retry }] } : {});
      return;
    }
    // Nothing to show yet: the whole part says why, with its own Try again.
    const code = reportFailure(this, error);
    if (code)
      this.loadError = error instanceof PortalApiError ? error : new PortalApiError(code, String(error), 0);
  }

  #record(row: number): RecordItem | undefined {
    return this.#rows.record(row);
  }

  /** Asks for the pages that hold the rows in the window. */
  #ensureWindow() {
    this.#rows.ensure(this.#window.first, this.#window.last(this.total));
  }

  // ── Rendering ───────────────────────────────────────────────────────────────────────────

  override render() {
    if (this.loadError) {
      return html`<div class="notice error" role="alert">
        <p>${messageFor(this.loadError.code)}</p>
        <button @click=${() => void this.#content.run()}>${msg('Try again')}</button>
      </div>`;
    }
    if (!this.config) {
      return html`<div role="status" aria-busy="true">
        <span class="sr-only">${msg('Loading table…')}</span>
        <div class="loading-cell"></div>
      </div>`;
    }
    const { columns, permissions } = this.config;
    const cols = this.#sizing.template(columns);
    const readOnly = this.#session.value?.user.impersonatedBy;
    return html`${
        readOnly
          ? html`<p class="notice info" id="readonly-note">
              ${msg(str`Read-only while viewing as ${this.#session.value!.user.name}: changes are disabled.`)}
            </p>`
          : this.config.access === 'view'
            ? html`<p class="notice info" id="readonly-note">
                ${msg('This table is shared with you to view only.')}
              </p>`
            : nothing
      }
      ${this.#toolbar(columns, permissions)} ${this.#notices.render()}
      <div class="scroll" style=${inlineStyles({ '--_cols': cols })} @scroll=${this.#window.onScroll}>
        <div
          part="grid"
          role="grid"
          aria-label=${this.config.title}
          aria-rowcount=${this.total + 1}
          aria-colcount=${columns.length}
          aria-readonly=${permissions.update ? 'false' : 'true'}
          @keydown=${this.#onKeyDown}
        >
          <div role="rowgroup" class="head">
            <div role="row" aria-rowindex="1">${columns.map((c, i) => this.#header(c, i))}</div>
          </div>
          <div role="rowgroup" class="body" style=${inlineStyles({ height: `${this.total * ROW_HEIGHT}px` })}>
            ${repeat(
              this.#windowRows(),
              (row) => row,
              (row) => this.#row(row, columns),
            )}
          </div>
        </div>
        ${
          this.total === 0 && this.#rows.started
            ? html`<p class="empty">
                ${this.narrowing.search || this.narrowing.filter.length ? msg('No records match.') : msg('Nothing has been shared here yet.')}
              </p>`
            : nothing
        }
      </div>
      ${this.#dialogs(columns)}`;
  }

  #windowRows(): number[] {
    // The active row stays in the DOM while it is scrolled away, so focus is never lost.
    return this.#window.rows(this.total, this.active.row);
  }

  #toolbar(columns: readonly Column[], permissions: Config['permissions']) {
    const count = formatNumber(this.total, this.locale) + (this.capped ? '+' : '');
    // Row actions need a row the person picked, never the one active by default.
    const activeRecord = this.rowPicked ? this.#record(this.active.row) : undefined;
    const rowName = activeRecord ? this.#recordName(activeRecord) : '';
    return html`<div class="toolbar" part="toolbar">
      <span class="count" role="status"
        >${plural(this.locale, this.total, { one: msg(str`${count} record`), other: msg(str`${count} records`) })}</span
      >
      <pk-table-filters
        .columns=${columns}
        locale=${this.locale}
        @pk-filters-change=${(e: CustomEvent<TableNarrowing>) => {
          this.narrowing = e.detail;
          this.#reload();
        }}
      ></pk-table-filters>
      ${permissions.create ? html`<button class="primary" @click=${this.#openCreate}>${msg('New record')}</button>` : nothing}
      ${permissions.remove ? html`<button ?disabled=${!activeRecord} title=${ifDefined(activeRecord ? rowName : undefined)} @click=${this.#remove}>${msg('Remove row…')}</button>` : nothing}
      ${permissions.export ? html`<button ?disabled=${this.exporting} @click=${this.#export}>${this.exporting ? msg('Exporting…') : msg('Export CSV')}</button>` : nothing}
      ${
        permissions.share
          ? html`<button @click=${this.#openShare}>${msg('Share more records…')}</button>
              <button
                ?disabled=${!activeRecord}
                title=${ifDefined(activeRecord ? rowName : undefined)}
                @click=${() => activeRecord && this.#unshareRow(activeRecord)}
              >
                ${msg('Unshare row')}
              </button>`
          : nothing
      }
    </div>`;
  }

  #header(column: Column, index: number) {
    const sorted = this.sort?.field === column.name ? this.sort.direction : undefined;
    const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
    return html`<div
      role="columnheader"
      class=${numberClass(column)}
      aria-colindex=${index + 1}
      aria-sort=${ariaSort}
    >
      <button
        @keydown=${(e: KeyboardEvent) => this.#sizing.onHeaderKey(e, column.name)}
        @click=${() => this.#toggleSort(column.name)}
        title=${msg(str`Sort by ${column.label} (Alt+Left/Right resizes)`)}
      >
        ${column.label}${sorted ? (sorted === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
      <span
        class="resize"
        aria-hidden="true"
        @pointerdown=${(e: PointerEvent) => this.#sizing.startResize(e, column.name)}
      ></span>
    </div>`;
  }

  #row(row: number, columns: readonly Column[]) {
    const record = this.#record(row);
    if (!record) {
      return html`<div
        role="row"
        aria-rowindex=${row + 2}
        aria-busy="true"
        style=${inlineStyles({ transform: `translateY(${row * ROW_HEIGHT}px)` })}
      >
        ${columns.map((_, i) => html`<div role="gridcell" aria-colindex=${i + 1}><span class="loading-cell"></span></div>`)}
      </div>`;
    }
    const selected = row === this.active.row;
    return html`<div
      role="row"
      aria-rowindex=${row + 2}
      aria-selected=${selected ? 'true' : 'false'}
      style=${inlineStyles({ transform: `translateY(${row * ROW_HEIGHT}px)` })}
    >
      ${columns.map((c, col) => this.#cell(record, row, col, c))}
    </div>`;
  }

  #cell(record: RecordItem, row: number, col: number, column: Column) {
    const isActive = row === this.active.row && col === this.active.col;
    const edit = this.#edits.get(record.id, column.name);
    const editable = column.updatable && this.config!.permissions.update;
    const classes = [
      numberClass(column),
      editable ? 'editable' : '',
      edit?.state === 'saving' ? 'saving' : '',
      edit?.state === 'offline' || edit?.state === 'failed' ? 'failed' : '',
    ].join(' ');
    if (this.editing && this.editing.row === row && this.editing.col === col) {
      return html`<div
        role="gridcell"
        aria-colindex=${col + 1}
        class=${classes}
        data-row=${row}
        data-col=${col}
      >
        ${this.#editor(column)}
      </div>`;
    }
    const value = edit ? edit.value : record[column.name];
    // Long text is cut with an ellipsis; the title and the editor hold all of it.
    const shown = this.#format(value, column);
    return html`<div
      role="gridcell"
      aria-colindex=${col + 1}
      class=${classes}
      tabindex=${isActive ? 0 : -1}
      data-row=${row}
      data-col=${col}
      aria-readonly=${editable ? 'false' : 'true'}
      title=${ifDefined(edit?.state === 'offline' ? msg('Not saved yet: retrying when the portal is back online.') : edit?.state === 'failed' ? this.#refusal(edit.error ?? 'unexpected') : column.type === 'string' || column.type === 'text' || column.type === 'enum' || column.type === 'reference' ? shown : undefined)}
      @focus=${() => (row !== this.active.row || col !== this.active.col) && (this.active = { row, col })}
      @click=${() => this.#activate(row, col, false)}
      @dblclick=${() => editable && this.#startEdit(row, col)}
    >
      <span class="text">${shown}</span>
    </div>`;
  }

  #editor(column: Column) {
    const draft = this.editing!.draft;
    const onInput = (e: Event) =>
      (this.editing = { ...this.editing!, draft: (e.target as HTMLInputElement).value, refused: false });
    const label = msg(str`Edit ${column.label}`);
    if (column.type === 'enum' || column.type === 'boolean') {
      return html`<select aria-label=${label} @change=${onInput} @keydown=${this.#onEditorKey}>
        ${choices(column, this.locale).map((o) => html`<option value=${o.value} ?selected=${draft === o.value}>${o.label}</option>`)}
      </select>`;
    }
    // Text keeps its lines (an input would drop them); Enter still saves, as in every cell.
    if (column.type === 'text')
      return html`<textarea
        rows="1"
        aria-label=${label}
        aria-invalid=${this.editing?.refused ? 'true' : 'false'}
        .value=${draft}
        @input=${onInput}
        @keydown=${this.#onEditorKey}
      ></textarea>`;
    const { type, inputmode } = inputFor(column);
    return html`<input
      type=${type}
      inputmode=${inputmode}
      aria-label=${label}
      aria-invalid=${this.editing?.refused ? 'true' : 'false'}
      .value=${draft}
      @input=${onInput}
      @keydown=${this.#onEditorKey}
    />`;
  }

  #format(value: FieldValue | undefined, column: Column): string {
    return formatField(value, column, this.locale);
  }

  #dialogs(columns: readonly Column[]) {
    return html`${
        this.dialogsLoaded
          ? html`<pk-record-dialogs
              .columns=${columns}
              model=${this.config!.model}
              page=${this.config!.id}
              locale=${this.locale}
            ></pk-record-dialogs>`
          : nothing
      }
      <pk-picker
        class="share"
        heading=${msg('Share more records')}
        confirm-label=${msg('Share selected')}
        empty-text=${msg('Every record of this company is already shared.')}
        .columns=${columns.map((c) => c.label)}
        .items=${this.unshared?.map((r) => ({ id: r.id, cells: columns.map((c) => this.#format(r[c.name], c)) }))}
        @pk-picker-confirm=${(e: CustomEvent<{ ids: string[] }>) => this.#share(e.detail.ids, true)}
      ></pk-picker>`;
  }

  // ── Interaction ─────────────────────────────────────────────────────────────────────────

  #toggleSort(field: string) {
    const current = this.sort?.field === field ? this.sort.direction : undefined;
    this.sort =
      current === 'asc'
        ? { field, direction: 'desc' }
        : current === 'desc'
          ? undefined
          : { field, direction: 'asc' };
    this.#reload();
  }

  #activeCell(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(
      `[role="gridcell"][data-row="${this.active.row}"][data-col="${this.active.col}"]`,
    );
  }

  #activate(row: number, col: number, focus = true) {
    const last = Math.max(0, this.total - 1);
    row = Math.min(Math.max(0, row), last);
    col = Math.min(Math.max(0, col), (this.config?.columns.length ?? 1) - 1);
    this.active = { row, col };
    this.rowPicked = true;
    // Rows have a fixed height: bring the row into view; the scroll handler draws it.
    this.#window.reveal(row);
    this.#focusAfterRender = focus;
  }

  #onKeyDown(event: KeyboardEvent) {
    if (this.editing || !(event.target as HTMLElement).matches('[role="gridcell"]')) return;
    const { row, col } = this.active;
    const move = gridMove(
      event,
      { row, col },
      { rows: this.total, cols: this.config?.columns.length ?? 1, pageRows: this.#window.pageRows() },
    );
    if (move) {
      event.preventDefault();
      this.#activate(move.row, move.col);
      return;
    }
    if (event.key === 'Enter' || event.key === 'F2') {
      const column = this.config?.columns[col];
      if (column?.updatable && this.config?.permissions.update) {
        event.preventDefault();
        this.#startEdit(row, col);
      }
    }
  }

  #startEdit(row: number, col: number) {
    const record = this.#record(row);
    const column = this.config!.columns[col]!;
    if (!record) return;
    const edit = this.#edits.get(record.id, column.name);
    const value = edit ? edit.value : record[column.name];
    this.active = { row, col };
    this.editing = { row, col, draft: cellDraft(value, column, this.locale) };
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role="gridcell"] :is(input, select, textarea)')?.focus(),
    );
  }

  #onEditorKey(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.editing = undefined;
      this.#focusAfterRender = true;
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void this.#commitEdit();
    }
  }

  async #commitEdit() {
    const { row, col, draft } = this.editing!;
    const record = this.#record(row);
    const column = this.config!.columns[col]!;
    if (!record) return;
    const parsed = parseCellDraft(column, draft, this.locale);
    if (!parsed.ok) {
      this.editing = { ...this.editing!, refused: true };
      this.#notices.error(parsed.error);
      return;
    }
    this.editing = undefined;
    this.#focusAfterRender = true;
    this.#notices.clear();
    await this.#edits.save(record.id, column.name, parsed.value);
  }

  /**
   * Refused: nothing typed is lost. The draft stays in the cell with the real reason until the
   * person retries or discards it; a record no longer shared leaves the list only then.
   */
  #refused(id: string, field: string, error: unknown) {
    const code = error instanceof PortalApiError ? error.code : 'unexpected';
    const gone = code === 'not_found';
    const reason = this.#refusal(error instanceof PortalApiError ? error : code);
    const value = this.#edits.get(id, field)!.value;
    this.#notices.error(msg(str`Your change was not saved. ${reason}`), [
      {
        label: msg('Try again'),
        run: () => {
          this.#notices.clear();
          void this.#edits.save(id, field, value);
        },
      },
      {
        label: msg('Discard my change'),
        run: () => {
          this.#edits.discard(id, field);
          this.#notices.clear();
          this.#focusAfterRender = true;
          if (gone) this.#reload();
        },
      },
    ]);
    if (error instanceof PortalApiError)
      emit(this, 'pk-error', { code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
  }

  /** Why a write was refused, in words (an API error can name the limit it passed). */
  #refusal(error: PortalApiError | string): string {
    const code = typeof error === 'string' ? error : error.code;
    return code === 'not_found' ? msg('This record is no longer shared with you.') : messageFor(error);
  }

  /**
   * The dialogs load the first time one opens (showing the table needs none of them) and are
   * registered then, as page types load their parts. A failed load (offline) is reported and tried
   * again on the next attempt.
   */
  async #loadDialogs(): Promise<boolean> {
    this.#dialogsLoading ??= Promise.all([import('../../define.js'), import('./record-dialogs.js')]).then(
      ([{ define }, parts]) => {
        define('pk-confirm', parts.PkConfirm);
        define('pk-picker', parts.PkPicker);
        define('pk-record-dialogs', parts.PkRecordDialogs);
      },
    );
    try {
      await this.#dialogsLoading;
      return true;
    } catch (error) {
      this.#dialogsLoading = undefined;
      this.#fail(error);
      return false;
    }
  }

  async #recordDialogs(): Promise<PkRecordDialogs | undefined> {
    if (!(await this.#loadDialogs())) return undefined;
    this.dialogsLoaded = true;
    await this.updateComplete;
    return this.recordDialogs;
  }

  async #openCreate() {
    const created = await (await this.#recordDialogs())?.create();
    if (!created) return;
    emit(this, 'pk-record-create', { model: this.config!.model, id: created.id });
    this.#notices.info(msg('Record created.'));
    this.#reload();
  }

  async #remove() {
    const record = this.rowPicked ? this.#record(this.active.row) : undefined;
    if (!record) return;
    const dialogs = await this.#recordDialogs();
    if (!dialogs || !(await dialogs.confirmRemove(this.#recordName(record)))) return;
    try {
      await this.#api.value!.call(recordsRemove, {
        params: { model: this.config!.model, id: record.id },
        query: { page: this.config!.id },
      });
    } catch (error) {
      return this.#fail(error);
    }
    emit(this, 'pk-record-remove', { model: this.config!.model, id: record.id });
    this.#notices.info(msg(str`“${this.#recordName(record)}” removed.`));
    this.#reload();
  }

  /**
   * The CSV of what the person sees, built by the server (R5: it decides Export, records and
   * fields): the current search, filters and sort, column labels, values for a spreadsheet in the
   * person's locale.
   */
  async #export() {
    const { model, title } = this.config!;
    this.exporting = true;
    try {
      const response = await this.#api.value!.call(recordsExport, {
        params: { model },
        query: { ...this.#listQuery(), locale: this.locale, page: this.page },
      });
      // Loaded when first wanted: the table's first paint does not carry it.
      const { saveResponse } = await import('../../internal/download.js');
      await saveResponse(response, `${title}.csv`);
      emit(this, 'pk-records-export', { model });
    } catch (error) {
      this.#fail(error);
    } finally {
      this.exporting = false;
    }
  }

  async #openShare() {
    this.unshared = undefined;
    if (!(await this.#loadDialogs())) return;
    await this.sharePicker?.show();
    try {
      const { items } = await this.#api.value!.call(recordsUnshared, {
        params: { model: this.config!.model },
      });
      this.unshared = items;
    } catch (error) {
      this.sharePicker?.close();
      this.#fail(error);
    }
  }

  /** What a record is called in messages: its first column, as shown. */
  #recordName(record: RecordItem): string {
    const first = this.config?.columns[0];
    return first ? this.#format(record[first.name], first) : record.id;
  }

  /** Acts at once and offers Undo (focus goes to it, since the row leaves). */
  async #unshareRow(record: RecordItem) {
    const done = await this.#share([record.id], false);
    if (!done) return;
    // Undo shares it again; the notice then says so (#share's own words).
    await this.#notices.undoable(
      msg(str`“${this.#recordName(record)}” is no longer shared in this portal.`),
      async () => void (await this.#share([record.id], true)),
    );
  }

  async #share(ids: string[], shared: boolean): Promise<boolean> {
    try {
      const result = await this.#api.value!.call(recordsShare, {
        params: { model: this.config!.model },
        body: { ids, shared },
      });
      emit(this, 'pk-records-share', { model: this.config!.model, ids, shared });
      this.#notices.info(
        shared
          ? plural(this.locale, result.changed, {
              one: msg(str`${result.changed} record shared.`),
              other: msg(str`${result.changed} records shared.`),
            })
          : plural(this.locale, result.changed, {
              one: msg(str`${result.changed} record unshared.`),
              other: msg(str`${result.changed} records unshared.`),
            }),
      );
      this.#reload();
      return true;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }
}
