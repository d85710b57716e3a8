import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PortalApiError } from '../../api/errors.js';
import { documentsGet, documentsSave } from '../../contract/routes/documents.js';
import { pagePayloadTask } from '../../controllers/page-payload.js';
import type { DocumentPayload, PagePayload } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { clearDraft, draftScope, loadDraft, saveDraft, type Draft } from '../../internal/drafts.js';
import { emit } from '../../internal/emit.js';
import { reportFailure } from '../../internal/failures.js';
import { messageFor } from '../../internal/messages.js';
import { sanitizeHtml, trustedHtml } from '../../internal/sanitize.js';
import type { PkConfirm } from '../confirm/confirm.js';
import { styles } from './document.styles.js';
import { FormattingController } from './formatting.js';

/**
 * A document page (R8): shown sanitised; with edit access, edited in place and saved on top of
 * the version it started from — a newer version saved meanwhile is never silently overwritten.
 *
 * @tag pk-document
 * @csspart content - The document body.
 * Unsaved text is kept as a draft in this tab (per portal, person and page) and offered back;
 * leaving the page with unsaved text asks first.
 *
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
  /** Unsaved text from an earlier visit, offered back. */
  @state() private storedDraft?: Draft;

  @query('.editor') private editor?: HTMLElement;
  @query('pk-confirm.leave') private leaveConfirm?: PkConfirm;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  /** The page's content: handed over by the shell, or fetched (one place: pagePayloadTask). */
  readonly #content = pagePayloadTask(this, {
    complete: (page) => this.#loaded(page),
    error: (error) => this.#fail(error),
  });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  readonly #formatting = new FormattingController(this, () => this.editor);
  /** The person's draft survives re-renders, failed saves and conflicts. */
  #draft = '';
  /** The version the open editor started from. */
  #baseVersion = 0;
  #leaveApproved = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('pk-navigate', this.#onNavigate);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('pk-navigate', this.#onNavigate);
  }

  #retry() {
    this.error = '';
    void this.#content.run();
  }

  async #loaded(page: PagePayload | undefined) {
    if (!page?.document) return;
    this.access = page.access;
    this.storedDraft = this.#scope && this.#canEdit ? loadDraft(this.#scope, this.page) : undefined;
    try {
      await this.#show(page.document);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Drafts belong to one person in one portal. */
  get #scope() {
    const session = this.#session.value;
    return session ? draftScope(session.portal.id, session.user.id) : undefined;
  }

  get #dirty() {
    return this.editing && this.#draft !== this.safeBody;
  }

  #keepDraft() {
    if (this.#scope && this.#dirty)
      saveDraft(this.#scope, this.page, {
        body: this.#draft,
        baseVersion: this.#baseVersion,
        savedAt: new Date().toISOString(),
      });
  }

  #forgetDraft() {
    if (this.#scope) clearDraft(this.#scope, this.page);
    this.storedDraft = undefined;
  }

  /** A `pk-navigate` of the portal this document is in, away from unsaved text, asks first. */
  readonly #onNavigate = (event: Event) => {
    const portal = event.composedPath()[0] as HTMLElement;
    if (this.#leaveApproved || !this.#dirty || !containsAcrossShadows(portal, this)) return;
    event.preventDefault();
    const target = { pageId: (event as CustomEvent<{ pageId: string }>).detail.pageId, portal };
    void this.leaveConfirm?.ask().then((leave) => (leave ? this.#leave(target) : this.editor?.focus()));
  };

  #leave(target: { pageId: string; portal: HTMLElement & { navigate?(id: string): unknown } }) {
    this.#keepDraft();
    // Kept as a draft: until the next page replaces this one, the editor no longer holds it.
    this.editing = false;
    this.#leaveApproved = true;
    target?.portal.navigate?.(target.pageId);
    this.#leaveApproved = false;
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
        ? html`<div class="state">
            <p class="error" role="alert">${this.error}</p>
            <button @click=${() => this.#retry()}>${msg('Try again')}</button>
          </div>`
        : html`<p role="status" aria-busy="true">${msg('Loading document…')}</p>`;
    }
    // While a conflict is resolved, the newest version is the one the page is at.
    const newest = this.conflict?.doc ?? this.doc;
    return html`<p class="meta">
        ${msg(str`Version ${newest.version}, saved ${this.#when(newest.updatedAt)} by ${newest.updatedBy}`)}
      </p>
      ${!this.editing && this.storedDraft && this.#canEdit ? this.#draftOffer(this.storedDraft) : nothing}
      ${this.editing ? this.#editorView() : html`<div part="content" class="prose">${unsafeHTML(this.safeBody)}</div>`}
      ${!this.editing && this.#canEdit ? html`<div class="bar"><button class="primary edit" @click=${() => this.#startEdit()}>${msg('Edit')}</button></div>` : nothing}
      <pk-confirm
        class="leave"
        heading=${msg('Leave without saving?')}
        body=${msg('Your changes are kept as a draft in this browser tab. Come back to this page to restore them.')}
        confirm-label=${msg('Leave')}
        cancel-label=${msg('Keep editing')}
      ></pk-confirm>`;
  }

  #draftOffer(draft: Draft) {
    const when = draft.savedAt
      ? new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' }).format(new Date(draft.savedAt))
      : '';
    return html`<div class="draft" role="status">
      <p>${msg(str`You have unsaved changes to this document from ${when}.`)}</p>
      <div class="bar">
        <button class="primary" @click=${() => this.#startEdit(draft)}>${msg('Restore my changes')}</button>
        <button @click=${() => this.#forgetDraft()}>${msg('Discard them')}</button>
      </div>
    </div>`;
  }

  #when(iso: string) {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  #editorView() {
    const conflict = this.conflict;
    const theirs = conflict?.doc;
    return html`${
        theirs ? html`<p class="version-label mine">${msg('Your version (not saved)')}</p>` : nothing
      }
      ${this.#formatting.render('editor')}
      <div
        part="content"
        id="editor"
        class="editor"
        contenteditable="true"
        role="textbox"
        aria-multiline="true"
        aria-label=${theirs ? msg('Your version (not saved)') : msg('Document text')}
        @keydown=${this.#formatting.onEditorKey}
        @blur=${this.#formatting.onEditorBlur}
        @input=${() => {
          this.#draft = this.editor?.innerHTML ?? '';
          this.#keepDraft();
        }}
      ></div>
      ${
        conflict && theirs
          ? html`<div class="conflict" role="alert">
              <p>
                ${msg(str`${theirs.updatedBy} saved a newer version while you were editing. Your text is still here.`)}
              </p>
              <p class="version-label theirs" id="theirs-label">
                ${msg(str`Their version ${theirs.version}, saved by ${theirs.updatedBy} at ${this.#when(theirs.updatedAt)}`)}
              </p>
              <div class="prose" role="region" aria-labelledby="theirs-label">
                ${unsafeHTML(conflict.safeBody)}
              </div>
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
          @click=${() => this.#save(this.#baseVersion)}
        >
          ${this.saving ? msg('Saving…') : msg('Save')}
        </button>
        <button ?disabled=${this.saving} @click=${this.#cancel}>${msg('Cancel')}</button>
      </div>`;
  }

  async #startEdit(draft?: Draft) {
    this.editing = true;
    this.error = '';
    this.#draft = draft ? await sanitizeHtml(draft.body) : this.safeBody;
    this.#baseVersion = draft?.baseVersion ?? this.doc!.version;
    this.storedDraft = undefined;
    await this.updateComplete;
    // Held across the await: a Cancel meanwhile removes the editor from the page.
    const editor = this.editor;
    if (editor) {
      // Through the `portalkit` Trusted Types policy (sanitised again inside it).
      editor.innerHTML = await trustedHtml(this.#draft);
      if (editor.isConnected) editor.focus();
    }
  }

  /** Cancel is an explicit choice: the draft goes with it, and focus returns to Edit. */
  async #cancel() {
    this.editing = false;
    this.conflict = undefined;
    this.error = '';
    this.#forgetDraft();
    await this.#focusEdit();
  }

  async #focusEdit() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.edit')?.focus();
  }

  async #save(baseVersion: number) {
    const api = this.#api.value;
    if (!api || !this.doc) return;
    this.saving = true;
    this.error = '';
    try {
      const body = await sanitizeHtml(this.#draft);
      const saved = await api.call(documentsSave, {
        params: { pageId: this.page },
        body: { body, baseVersion },
      });
      await this.#show(saved);
      this.editing = false;
      this.conflict = undefined;
      this.#forgetDraft();
      emit(this, 'pk-document-save', { pageId: this.page, version: saved.version });
      await this.#focusEdit();
    } catch (error) {
      if (error instanceof PortalApiError && error.code === 'version_conflict') {
        // Never overwrite silently: show theirs beside mine and let the person decide.
        const latest = await api.call(documentsGet, { params: { pageId: this.page } });
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
    this.#forgetDraft();
    await this.#show(latest);
    await this.#focusEdit();
  }

  #fail(error: unknown) {
    const code = reportFailure(this, error);
    if (!code) return;
    this.error =
      code === 'network'
        ? msg('Not saved: the portal could not be reached. Your text is kept; try again.')
        : messageFor(error instanceof PortalApiError ? error : code);
  }
}

/** Whether `node` is inside `ancestor`, crossing shadow roots. */
function containsAcrossShadows(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node; current;) {
    if (current === ancestor) return true;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}
