import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import { FileItem, FileList, ShareResult } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { partPage, throughPage } from '../../internal/through-page.js';
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

const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/plain',
};
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
  @state() private notice = '';
  @state() private unshared?: FileItem[];
  @state() private removing?: FileItem;

  @query('input[type="file"]') private picker?: HTMLInputElement;
  @query('dialog.share') private shareDialog?: HTMLDialogElement;
  @query('dialog.remove') private removeDialog?: HTMLDialogElement;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  readonly #files = new Task(this, {
    args: () => [this.#api.value] as const,
    task: ([api], { signal }) => (api ? api.request('/files', FileList, { signal }) : undefined),
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

  get #staff() {
    return this.#session.value?.user.kind === 'internal';
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
    const accepted = limits.types
      .map((t) => Object.entries(EXTENSION_TYPES).find(([, v]) => v === t)?.[0] ?? t)
      .join(', ');
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
              <input type="file" multiple hidden accept=${limits.types.join(',')} @change=${this.#onPick} />
            </div>`
      }
      ${
        this.uploads.length
          ? html`<ul class="uploads" aria-label=${msg('Uploads')}>
              ${this.uploads.map((u) => this.#upload(u, limits))}
            </ul>`
          : nothing
      }
      ${this.notice ? html`<p class="note" role="status">${this.notice}</p>` : nothing}
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
            <div class="actions">
              <button aria-label=${msg(str`Download ${f.name}`)} @click=${() => this.#download(f)}>
                ${msg('Download')}
              </button>
              ${
                this.#staff && !this.#readOnly
                  ? html`<button
                      aria-label=${msg(str`Unshare ${f.name}`)}
                      @click=${() => this.#share([f.id], false)}
                    >
                      ${msg('Unshare')}
                    </button>`
                  : nothing
              }
              ${
                this.#staff && !this.#viewOnly
                  ? html`<button
                      aria-label=${msg(str`Remove ${f.name}`)}
                      @click=${() => this.#confirmRemove(f)}
                    >
                      ${msg('Remove')}
                    </button>`
                  : nothing
              }
            </div>
          </li>`,
      )}
    </ul>`;
  }

  #upload(upload: Upload, limits: FileList['limits']) {
    const percent = upload.file.size ? Math.round((upload.loaded / upload.file.size) * 100) : 0;
    return html`<li class="upload">
      <span class="icon" aria-hidden="true">↑</span>
      <div>
        <div class="name">${upload.file.name}</div>
        ${
          upload.state === 'uploading'
            ? html`<progress
                max="100"
                .value=${percent}
                aria-label=${msg(str`Uploading ${upload.file.name}`)}
              ></progress>`
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
    return html`<dialog class="share" aria-labelledby="share-title">
        <form method="dialog" @submit=${this.#submitShare}>
          <h3 id="share-title">${msg('Share files from the account')}</h3>
          ${
            this.unshared === undefined
              ? html`<p role="status">${msg('Loading files…')}</p>`
              : this.unshared.length === 0
                ? html`<p>${msg('Every file of this account is already shared here.')}</p>`
                : this.unshared.map(
                    (f) =>
                      html`<label style="display:block"
                        ><input type="checkbox" name="id" value=${f.id} /> ${f.name}</label
                      >`,
                  )
          }
          <div class="dialog-actions">
            <button type="button" @click=${() => this.shareDialog?.close()}>${msg('Cancel')}</button>
            <button class="primary" type="submit" ?disabled=${!this.unshared?.length}>
              ${msg('Share selected')}
            </button>
          </div>
        </form>
      </dialog>
      <dialog class="remove" aria-labelledby="remove-file-title">
        <h3 id="remove-file-title">${msg(str`Remove ${this.removing?.name ?? ''}?`)}</h3>
        <p>${msg('The file is deleted from the account, not only from this portal.')}</p>
        <div class="dialog-actions">
          <button @click=${() => this.removeDialog?.close()}>${msg('Cancel')}</button>
          <button class="primary" @click=${this.#remove}>${msg('Remove')}</button>
        </div>
      </dialog>`;
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
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    const type = file.type || EXTENSION_TYPES[extension] || '';
    const fail = (error: string) => this.#set({ key, file, loaded: 0, state: 'failed', error });
    if (file.size > limits.maxBytes) return fail(`✕ ${messageFor('file_too_large')}`);
    if (!limits.types.includes(type)) return fail(`✕ ${messageFor('file_type_not_allowed')}`);
    const controller = new AbortController();
    this.#set({ key, file, loaded: 0, state: 'uploading', controller });
    try {
      const uploaded = await this.#api.value!.upload(
        throughPage(`/files?name=${encodeURIComponent(file.name)}`, this.#page?.id ?? ''),
        new Blob([file], { type }),
        FileItem,
        {
          signal: controller.signal,
          onProgress: (loaded) => this.#set({ key, file, loaded, state: 'uploading', controller }),
        },
      );
      this.#dismiss(key);
      this.notice = msg(str`${uploaded.name} uploaded.`);
      emit(this, 'pk-file-upload', { id: uploaded.id, name: uploaded.name });
      void this.#files.run();
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return this.#dismiss(key);
      const code = error instanceof PortalApiError ? error.code : 'unexpected';
      // Refusals on content can't succeed on retry; network failures can.
      fail(code === 'network' ? messageFor(code) : `✕ ${messageFor(code)}`);
      if (error instanceof PortalApiError)
        emit(this, 'pk-error', { code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
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
      const response = await this.#api.value!.raw(`/files/${encodeURIComponent(file.id)}/content`);
      await saveResponse(response, file.name);
      emit(this, 'pk-file-download', { id: file.id, name: file.name });
    } catch (error) {
      this.#report(error);
    }
  }

  async #openShare() {
    this.unshared = undefined;
    this.shareDialog?.showModal();
    try {
      this.unshared = (await this.#api.value!.request('/files/unshared', FileList)).items;
    } catch (error) {
      this.shareDialog?.close();
      this.#report(error);
    }
  }

  async #submitShare(event: SubmitEvent) {
    event.preventDefault();
    const ids = new FormData(event.target as HTMLFormElement).getAll('id').map(String);
    this.shareDialog?.close();
    if (ids.length) await this.#share(ids, true);
  }

  async #share(ids: string[], shared: boolean) {
    try {
      await this.#api.value!.request('/files/share', ShareResult, {
        method: 'POST',
        body: JSON.stringify({ ids, shared }),
      });
      for (const id of ids) emit(this, 'pk-file-share', { id, shared });
      void this.#files.run();
    } catch (error) {
      this.#report(error);
    }
  }

  #confirmRemove(file: FileItem) {
    this.removing = file;
    this.removeDialog?.showModal();
  }

  async #remove() {
    const file = this.removing;
    this.removeDialog?.close();
    if (!file) return;
    try {
      await this.#api.value!.raw(throughPage(`/files/${encodeURIComponent(file.id)}`, this.#page?.id ?? ''), {
        method: 'DELETE',
      });
      emit(this, 'pk-file-remove', { id: file.id });
      void this.#files.run();
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown) {
    const code = error instanceof PortalApiError ? error.code : 'unexpected';
    this.notice = messageFor(code);
    if (error instanceof PortalApiError)
      emit(this, 'pk-error', { code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
  }
}
