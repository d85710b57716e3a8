import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import { extensionOf, extensionsFor, FILE_TYPES } from '../../contract/file-types.js';
import {
  filesContent,
  filesList,
  filesRemove,
  filesShare,
  filesUnshared,
  filesUpload,
} from '../../contract/routes/files.js';
import type { FileItem, FileList } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { partPage } from '../../internal/through-page.js';
import { plural } from '../../internal/plural.js';
import type { PkConfirm } from '../confirm/confirm.js';
import type { PkPicker } from '../picker/picker.js';
import { reportFailure } from '../../internal/failures.js';
import { NoticeController } from '../../controllers/notices.js';
import { emit } from '../../internal/emit.js';
import { saveResponse } from '../../internal/download.js';
import { messageFor } from '../../internal/messages.js';
import { styles } from './file-area.styles.js';

type SortKey = 'name' | 'date' | 'size';
interface Upload {
  key: number;
  file: File;
  loaded: number;
  state: 'uploading' | 'failed';
  error?: string;
  controller?: AbortController;
}

let nextKey = 0;

/**
 * Files shared to the portal: list, sort, search, download; upload by button or drag and drop
 * with progress, cancel and retry; vendor staff share account files, unshare and remove (R6).
 *
 * @tag pk-file-area
 * @csspart file - One file row.
 * @csspart dropzone - The drag-and-drop area.
 * @fires pk-file-upload - A file was uploaded.
 * @fires pk-file-download - A file was downloaded.
 * @fires pk-file-share - Vendor staff shared or unshared a file.
 * @fires pk-file-remove - Vendor staff removed a file.
 * @fires pk-error - Loading or an action failed.
 */
export class PkFileArea extends LitElement {
  static override styles = styles;

  /** Locale for sizes and dates. */
  @property() locale = 'en';

  /** Id of the files page this area is shown on (default: the portal's files page). */
  @property() page = '';

  @state() private sortBy: SortKey = 'date';
  @state() private search = '';
  @state() private uploads: Upload[] = [];
  @state() private dragging = false;
  @state() private unshared?: FileItem[];
  @state() private removing?: FileItem;
  /** What just happened (uploaded, unshared with Undo) or why it failed. */
  readonly #notices = new NoticeController(this);
  @query('input[type="file"]') private picker?: HTMLInputElement;
  @query('pk-picker.share') private sharePicker?: PkPicker;
  @query('pk-confirm.remove') private removeConfirm?: PkConfirm;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  readonly #files = new Task(this, {
    args: () => [this.#api.value] as const,
    task: ([api], { signal }) => (api ? api.call(filesList, { signal }) : undefined),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const upload of this.uploads) upload.controller?.abort();
  }

  get #readOnly() {
    return !!this.#session.value?.user.impersonatedBy;
  }

  /** The page writes are made through (R2); shared to view, nothing can be uploaded or removed. */
  get #page() {
    return partPage(this.#session.value, this.page, 'files');
  }

  get #viewOnly() {
    return this.#readOnly || this.#page?.access !== 'edit';
  }

  /** R20: staff who may share, unshare and remove files here. */
  get #staff() {
    return !!this.#session.value?.can.manage;
  }

  override render() {
    return this.#files.render({
      initial: () => this.#loading(),
      pending: () => (this.#files.value ? this.#area(this.#files.value) : this.#loading()),
      error: (error) =>
        html`<div class="empty" role="alert">
          <p class="error">
            ${error instanceof PortalApiError ? messageFor(error.code) : msg('The files could not be loaded.')}
          </p>
          <button @click=${() => this.#files.run()}>${msg('Try again')}</button>
        </div>`,
      complete: (list) => (list ? this.#area(list) : this.#loading()),
    });
  }

  #loading() {
    return html`<p role="status" aria-busy="true">${msg('Loading files…')}</p>`;
  }

  #area(list: FileList) {
    const limits = list.limits;
    const maxMb = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }).format(
      limits.maxBytes / 1024 / 1024,
    );
    const accepted = extensionsFor(limits.types).join(', ');
    return html`${
        this.#readOnly
          ? html`<p class="note">${msg('Read-only while viewing as another user: uploads are disabled.')}</p>`
          : this.#viewOnly
            ? html`<p class="note">${msg('These files are shared with you to view and download.')}</p>`
            : nothing
      }
      ${
        this.#viewOnly
          ? nothing
          : html`<div
              part="dropzone"
              class="drop ${this.dragging ? 'over' : ''}"
              @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))}
              @dragleave=${() => (this.dragging = false)}
              @drop=${this.#onDrop}
            >
              <p>
                ${msg('Drop files here, or')}
                <button class="primary" @click=${() => this.picker?.click()}>${msg('Choose files…')}</button>
              </p>
              <p class="limits">${msg(str`Up to ${maxMb} MB each. Accepted: ${accepted}.`)}</p>
              <input
                type="file"
                multiple
                hidden
                accept=${extensionsFor(limits.types)
                  .map((e) => `.${e}`)
                  .join(',')}
                @change=${this.#onPick}
              />
            </div>`
      }
      ${
        this.uploads.length
          ? html`<ul class="uploads" aria-label=${msg('Uploads')}>
              ${this.uploads.map((u) => this.#upload(u, limits))}
            </ul>`
          : nothing
      }
      ${this.#notices.render()}
      <div class="toolbar">
        <input
          type="search"
          aria-label=${msg('Search files')}
          placeholder=${msg('Search files')}
          .value=${this.search}
          @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
        />
        <label
          >${msg('Sort by')}
          <select @change=${(e: Event) => (this.sortBy = (e.target as HTMLSelectElement).value as SortKey)}>
            <option value="date" ?selected=${this.sortBy === 'date'}>${msg('Newest')}</option>
            <option value="name" ?selected=${this.sortBy === 'name'}>${msg('Name')}</option>
            <option value="size" ?selected=${this.sortBy === 'size'}>${msg('Size')}</option>
          </select>
        </label>
        ${this.#staff && !this.#readOnly ? html`<button @click=${this.#openShare}>${msg('Share files from the account…')}</button>` : nothing}
      </div>
      ${this.#list(list.items)} ${this.#dialogs()}`;
  }

  #visible(items: readonly FileItem[]): FileItem[] {
    const q = this.search.trim().toLowerCase();
    const collator = new Intl.Collator(this.locale, { numeric: true, sensitivity: 'base' });
    const sorted = items.filter((f) => !q || f.name.toLowerCase().includes(q));
    return sorted.sort((a, b) =>
      this.sortBy === 'name'
        ? collator.compare(a.name, b.name)
        : this.sortBy === 'size'
          ? b.size - a.size
          : b.createdAt.localeCompare(a.createdAt),
    );
  }

  #list(items: readonly FileItem[]) {
    const files = this.#visible(items);
    if (items.length === 0) return html`<p class="empty">${msg('No files have been shared here yet.')}</p>`;
    if (files.length === 0) return html`<p class="empty">${msg('No files match your search.')}</p>`;
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' });
    return html`<ul aria-label=${msg('Files')}>
      ${files.map(
        (f) =>
          html`<li part="file" class="file">
            <span class="icon" aria-hidden="true"
              >${(f.name.split('.').pop() ?? '').slice(0, 4).toUpperCase()}</span
            >
            <div>
              <div class="name">${f.name}</div>
              <div class="meta">
                ${this.#size(f.size)} · ${f.uploadedBy} · ${date.format(new Date(f.createdAt))}
              </div>
            </div>
            ${this.#actions(f)}
          </li>`,
      )}
    </ul>`;
  }

  /**
   * A file's actions: buttons in a row, and — for staff, who have several — the same actions in a
   * menu that replaces the row when the area is narrow (a container query decides), so names keep
   * their width.
   */
  #actions(f: FileItem) {
    const actions = [
      { label: msg('Download'), name: msg(str`Download ${f.name}`), run: () => this.#download(f) },
      ...(this.#staff && !this.#readOnly
        ? [{ label: msg('Unshare'), name: msg(str`Unshare ${f.name}`), run: () => this.#unshare(f) }]
        : []),
      ...(this.#staff && !this.#viewOnly
        ? [{ label: msg('Remove'), name: msg(str`Remove ${f.name}`), run: () => this.#confirmRemove(f) }]
        : []),
    ];
    const button = (a: (typeof actions)[number], inMenu: boolean) =>
      html`<button
        aria-label=${a.name}
        @click=${(e: Event) => {
          if (inMenu) (e.target as HTMLElement).closest('details')?.removeAttribute('open');
          a.run();
        }}
      >
        ${a.label}
      </button>`;
    return html`<div class="actions">${actions.map((a) => button(a, false))}</div>
      ${
        actions.length > 1
          ? html`<details class="more" @keydown=${this.#closeMenuOnEscape}>
              <summary aria-label=${msg(str`Actions for ${f.name}`)}>${msg('Actions')}</summary>
              <div class="menu">${actions.map((a) => button(a, true))}</div>
            </details>`
          : nothing
      }`;
  }

  #closeMenuOnEscape(event: KeyboardEvent) {
    const details = event.currentTarget as HTMLDetailsElement;
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    details.open = false;
    details.querySelector('summary')?.focus();
  }

  #upload(upload: Upload, limits: FileList['limits']) {
    const percent = upload.file.size ? Math.round((upload.loaded / upload.file.size) * 100) : 0;
    return html`<li class="upload">
      <span class="icon" aria-hidden="true">↑</span>
      <div>
        <div class="name">${upload.file.name}</div>
        ${
          upload.state === 'uploading'
            ? // No progress reported yet (some proxies and service workers report none): the bar
              // moves without a number rather than sitting at 0 %.
              upload.loaded > 0
              ? html`<progress
                    max="100"
                    .value=${percent}
                    aria-label=${msg(str`Uploading ${upload.file.name}`)}
                  ></progress>
                  <div class="meta">${msg(str`${percent}% of ${this.#size(upload.file.size)}`)}</div>`
              : html`<progress aria-label=${msg(str`Uploading ${upload.file.name}`)}></progress>
                  <div class="meta">${msg(str`Sending ${this.#size(upload.file.size)}…`)}</div>`
            : html`<div class="error" role="alert">${upload.error}</div>`
        }
      </div>
      <div class="actions">
        ${
          upload.state === 'uploading'
            ? html`<button @click=${() => upload.controller?.abort()}>${msg('Cancel')}</button>`
            : html`${this.#retryable(upload) ? html`<button @click=${() => this.#start(upload.file, limits, upload.key)}>${msg('Retry')}</button>` : nothing}
                <button @click=${() => this.#dismiss(upload.key)}>${msg('Dismiss')}</button>`
        }
      </div>
    </li>`;
  }

  #retryable(upload: Upload) {
    return upload.error !== undefined && !upload.error.startsWith('✕');
  }

  #size(bytes: number): string {
    const format = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 });
    if (bytes < 1024) return msg(str`${format.format(bytes)} B`);
    if (bytes < 1024 * 1024) return msg(str`${format.format(bytes / 1024)} KB`);
    return msg(str`${format.format(bytes / 1024 / 1024)} MB`);
  }

  #dialogs() {
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' });
    return html`<pk-picker
        class="share"
        heading=${msg('Share files from the account')}
        confirm-label=${msg('Share selected')}
        empty-text=${msg('Every file of this account is already shared here.')}
        .columns=${[msg('Name'), msg('Size'), msg('Uploaded by'), msg('Date')]}
        .items=${this.unshared?.map((f) => ({
          id: f.id,
          cells: [f.name, this.#size(f.size), f.uploadedBy, date.format(new Date(f.createdAt))],
        }))}
        @pk-picker-confirm=${(e: CustomEvent<{ ids: string[] }>) => this.#share(e.detail.ids, true)}
      ></pk-picker>
      <pk-confirm
        class="remove"
        heading=${msg(str`Remove ${this.removing?.name ?? ''}?`)}
        body=${msg('The file is deleted from the account, not only from this portal.')}
        confirm-label=${msg('Remove')}
        cancel-label=${msg('Cancel')}
      ></pk-confirm>`;
  }

  // ── Actions ─────────────────────────────────────────────────────────────────────────────

  #onPick(event: Event) {
    const input = event.target as HTMLInputElement;
    this.#queue([...(input.files ?? [])]);
    input.value = '';
  }

  #onDrop(event: DragEvent) {
    event.preventDefault();
    this.dragging = false;
    this.#queue([...(event.dataTransfer?.files ?? [])]);
  }

  #queue(files: File[]) {
    const limits = this.#files.value?.limits;
    if (!limits) return;
    for (const file of files) void this.#start(file, limits);
  }

  /** Checks limits before sending (the server checks again, by content), then uploads with progress. */
  async #start(file: File, limits: FileList['limits'], key = nextKey++) {
    const extension = extensionOf(file.name);
    // The name says what the person means to send; the server checks the content against it.
    const type = FILE_TYPES[extension] ?? '';
    const fail = (error: string) => this.#set({ key, file, loaded: 0, state: 'failed', error });
    if (file.size > limits.maxBytes) return fail(`✕ ${messageFor('file_too_large')}`);
    // A name of a kind not accepted says no at once; a name with no extension is judged by its
    // content on the server, as the server does.
    if (extension && !limits.types.includes(type)) return fail(`✕ ${messageFor('file_type_not_allowed')}`);
    const controller = new AbortController();
    this.#set({ key, file, loaded: 0, state: 'uploading', controller });
    try {
      const uploaded = await this.#api.value!.upload(filesUpload, new Blob([file], { type }), {
        query: { name: file.name, page: this.#page?.id ?? '' },
        signal: controller.signal,
        onProgress: (loaded) => this.#set({ key, file, loaded, state: 'uploading', controller }),
      });
      this.#dismiss(key);
      this.#notices.info(msg(str`${uploaded.name} uploaded.`));
      emit(this, 'pk-file-upload', { id: uploaded.id, name: uploaded.name });
      void this.#files.run();
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return this.#dismiss(key);
      const code = error instanceof PortalApiError ? error.code : 'unexpected';
      // Refusals on content can't succeed on retry; network failures can.
      const reason =
        code === 'file_content_mismatch'
          ? msg(str`This is not a real ${extension.toUpperCase()} file: its content is something else.`)
          : messageFor(code);
      fail(code === 'network' ? reason : `✕ ${reason}`);
      reportFailure(this, error);
    }
  }

  #set(upload: Upload) {
    const exists = this.uploads.some((u) => u.key === upload.key);
    this.uploads = exists
      ? this.uploads.map((u) => (u.key === upload.key ? upload : u))
      : [...this.uploads, upload];
  }

  #dismiss(key: number) {
    this.uploads = this.uploads.filter((u) => u.key !== key);
  }

  async #download(file: FileItem) {
    try {
      const response = await this.#api.value!.call(filesContent, { params: { fileId: file.id } });
      await saveResponse(response, file.name);
      emit(this, 'pk-file-download', { id: file.id, name: file.name });
    } catch (error) {
      this.#report(error);
    }
  }

  async #openShare() {
    this.unshared = undefined;
    await this.sharePicker?.show();
    try {
      this.unshared = (await this.#api.value!.call(filesUnshared)).items;
    } catch (error) {
      this.sharePicker?.close();
      this.#report(error);
    }
  }

  /** Acts at once and offers Undo; focus goes to Undo, since the file leaves the list. */
  async #unshare(file: FileItem) {
    if (!(await this.#share([file.id], false))) return;
    await this.#notices.undoable(msg(str`${file.name} is no longer shared in this portal.`), async () =>
      (await this.#share([file.id], true)) ? msg(str`${file.name} is shared again.`) : undefined,
    );
  }

  async #share(ids: string[], shared: boolean): Promise<boolean> {
    try {
      const result = await this.#api.value!.call(filesShare, { body: { ids, shared } });
      for (const id of ids) emit(this, 'pk-file-share', { id, shared });
      if (shared)
        this.#notices.info(
          plural(this.locale, result.changed, {
            one: msg(str`${result.changed} file shared.`),
            other: msg(str`${result.changed} files shared.`),
          }),
        );
      void this.#files.run();
      return true;
    } catch (error) {
      this.#report(error);
      return false;
    }
  }

  async #confirmRemove(file: FileItem) {
    this.removing = file;
    // The dialog opens naming the file, so its title is read right.
    await this.updateComplete;
    if (await this.removeConfirm?.ask()) await this.#remove(file);
  }

  async #remove(file: FileItem) {
    try {
      await this.#api.value!.call(filesRemove, {
        params: { fileId: file.id },
        query: { page: this.#page?.id ?? '' },
      });
      emit(this, 'pk-file-remove', { id: file.id });
      void this.#files.run();
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown) {
    this.#notices.fail(error);
  }
}
