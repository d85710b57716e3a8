import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PortalApiError } from '../../api/errors.js';
import { DocumentPayload, PagePayload } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { sanitizeHtml } from '../../internal/sanitize.js';
import { styles } from './document.styles.js';

/**
 * A document page (R8): shown sanitised; with edit access, edited in place and saved on top of
 * the version it started from — a newer version saved meanwhile is never silently overwritten.
 *
 * @tag pk-document
 * @csspart content - The document body.
 * @fires pk-document-save - The document was saved.
 * @fires pk-error - Loading or saving failed.
 */
export class PkDocument extends LitElement {
  static override styles = styles;

  /** Id of the document page. */
  @property() page = '';

  /** The page's content when already known (from the shell). */
  @property({ attribute: false }) payload?: PagePayload;

  /** Locale for dates. */
  @property() locale = 'en';

  @state() private doc?: DocumentPayload;
  @state() private access: 'view' | 'edit' = 'view';
  @state() private safeBody = '';
  @state() private editing = false;
  @state() private saving = false;
  @state() private error = '';
  /** A newer version saved by someone else while this person was editing. */
  @state() private conflict?: { doc: DocumentPayload; safeBody: string };

  @query('.editor') private editor?: HTMLElement;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #apiSeen?: unknown;
  /** The person's draft survives re-renders, failed saves and conflicts. */
  #draft = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    const api = this.#api.value;
    if (api !== this.#apiSeen || changed.has('page') || changed.has('payload')) {
      this.#apiSeen = api;
      if (api || this.payload) void this.#load();
    }
  }

  async #load() {
    try {
      const page =
        this.payload?.id === this.page
          ? this.payload
          : await this.#api.value?.request(`/pages/${encodeURIComponent(this.page)}`, PagePayload);
      if (!page?.document) return;
      this.access = page.access;
      await this.#show(page.document);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #show(doc: DocumentPayload) {
    this.doc = doc;
    this.safeBody = await sanitizeHtml(doc.body);
  }

  get #canEdit() {
    return this.access === 'edit' && !!this.#session.value?.can.write;
  }

  override render() {
    if (!this.doc) {
      return this.error
        ? html`<p class="error" role="alert">${this.error}</p>`
        : html`<p role="status" aria-busy="true">${msg('Loading document…')}</p>`;
    }
    const updated = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(this.doc.updatedAt),
    );
    return html`<p class="meta">
        ${msg(str`Version ${this.doc.version}, saved ${updated} by ${this.doc.updatedBy}`)}
      </p>
      ${this.editing ? this.#editorView() : html`<div part="content" class="prose">${unsafeHTML(this.safeBody)}</div>`}
      ${!this.editing && this.#canEdit ? html`<div class="bar"><button class="primary" @click=${this.#startEdit}>${msg('Edit')}</button></div>` : nothing}`;
  }

  #editorView() {
    return html`<div
        part="content"
        class="editor"
        contenteditable="true"
        role="textbox"
        aria-multiline="true"
        aria-label=${msg('Document text')}
        @input=${() => (this.#draft = this.editor?.innerHTML ?? '')}
      ></div>
      ${
        this.conflict
          ? html`<div class="conflict" role="alert">
              <p>
                ${msg(str`${this.conflict.doc.updatedBy} saved a newer version while you were editing. Your text is still here.`)}
              </p>
              <div class="prose">${unsafeHTML(this.conflict.safeBody)}</div>
              <div class="bar">
                <button @click=${this.#keepMine}>${msg('Save mine over theirs')}</button>
                <button @click=${this.#takeTheirs}>${msg('Discard mine, use theirs')}</button>
              </div>
            </div>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="bar">
        <button
          class="primary"
          ?disabled=${this.saving || !!this.conflict}
          @click=${() => this.#save(this.doc!.version)}
        >
          ${this.saving ? msg('Saving…') : msg('Save')}
        </button>
        <button ?disabled=${this.saving} @click=${this.#cancel}>${msg('Cancel')}</button>
      </div>`;
  }

  async #startEdit() {
    this.editing = true;
    this.error = '';
    this.#draft = this.safeBody;
    await this.updateComplete;
    if (this.editor) {
      this.editor.innerHTML = this.#draft;
      this.editor.focus();
    }
  }

  #cancel() {
    this.editing = false;
    this.conflict = undefined;
    this.error = '';
  }

  async #save(baseVersion: number) {
    const api = this.#api.value;
    if (!api || !this.doc) return;
    this.saving = true;
    this.error = '';
    try {
      const body = await sanitizeHtml(this.#draft);
      const saved = await api.request(`/documents/${encodeURIComponent(this.page)}`, DocumentPayload, {
        method: 'PUT',
        body: JSON.stringify({ body, baseVersion }),
      });
      await this.#show(saved);
      this.editing = false;
      this.conflict = undefined;
      emit(this, 'pk-document-save', { pageId: this.page, version: saved.version });
    } catch (error) {
      if (error instanceof PortalApiError && error.code === 'version_conflict') {
        // Never overwrite silently: show theirs beside mine and let the person decide.
        const latest = await api.request(`/documents/${encodeURIComponent(this.page)}`, DocumentPayload);
        this.conflict = { doc: latest, safeBody: await sanitizeHtml(latest.body) };
      } else this.#fail(error);
    } finally {
      this.saving = false;
    }
  }

  #keepMine() {
    const latest = this.conflict!.doc;
    this.conflict = undefined;
    void this.#save(latest.version);
  }

  async #takeTheirs() {
    const latest = this.conflict!.doc;
    this.conflict = undefined;
    this.editing = false;
    await this.#show(latest);
  }

  #fail(error: unknown) {
    const code = error instanceof PortalApiError ? error.code : 'unexpected';
    this.error =
      code === 'network'
        ? msg('Not saved: the portal could not be reached. Your text is kept; try again.')
        : messageFor(code);
    if (error instanceof PortalApiError)
      emit(this, 'pk-error', { code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
  }
}
