import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PortalApiError } from '../../api/errors.js';
import type { PagePayload } from '../../contract/schemas.js';
import { pagePayloadTask } from '../../controllers/page-payload.js';
import { messageFor } from '../../internal/messages.js';
import { sanitizeHtml } from '../../internal/sanitize.js';
import { tokens } from '../../styles/tokens.js';
import { reportFailure } from '../../internal/failures.js';

/**
 * An HTML page written by the vendor. Always sanitised before it is drawn: no script from
 * content ever runs (R8).
 *
 * @tag pk-html-page
 * @csspart content - The page's HTML.
 */
export class PkHtmlPage extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      .prose {
        line-height: 1.6;
        max-width: 70ch;
      }
    `,
  ];

  /** Id of the HTML page. */
  @property() page = '';

  /** The page's content when already known (from the shell). */
  @property({ attribute: false }) payload?: PagePayload;

  readonly #content = pagePayloadTask(this, { error: (error) => reportFailure(this, error) });
  readonly #safe = new Task(this, {
    args: () => [this.#content.value?.html] as const,
    task: ([raw]) => (raw === undefined ? undefined : sanitizeHtml(raw)),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.#content.error) {
      const e = this.#content.error;
      return html`<p role="alert">
        ${e instanceof PortalApiError ? messageFor(e.code) : msg('This page could not be loaded.')}
      </p>`;
    }
    return this.#safe.render({
      pending: () => html`<p role="status" aria-busy="true">${msg('Loading page…')}</p>`,
      error: () => html`<p role="alert">${msg('This content could not be shown.')}</p>`,
      complete: (safe) =>
        safe === undefined ? nothing : html`<div part="content" class="prose">${unsafeHTML(safe)}</div>`,
    });
  }
}
