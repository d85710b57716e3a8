import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { inlineStyles } from '../../internal/inline-styles.js';
import { property } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import type { PagePayload } from '../../contract/schemas.js';
import { pagePayloadTask } from '../../controllers/page-payload.js';
import { messageFor } from '../../internal/messages.js';
import { PAGE_PARTS } from './page-types.js';
import { styles } from './page.styles.js';
import { reportFailure } from '../../internal/failures.js';

/**
 * One portal page: its title, then the part that draws its type (loaded on first use).
 *
 * @tag pk-page
 * @csspart heading - The page title.
 * @fires pk-error - The page could not be loaded.
 */
export class PkPage extends LitElement {
  static override styles = styles;

  /** Id of the page to show. */
  @property() page = '';

  /** The page's content when already known (the bootstrap carries the landing page). */
  @property({ attribute: false }) payload?: PagePayload;

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  readonly #content = pagePayloadTask(this, { error: (error) => reportFailure(this, error) });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Moves focus to the page heading (the shell calls this after navigation). */
  async focusHeading(): Promise<void> {
    // Let a new `page` reach the task first, then wait for its content.
    await this.updateComplete;
    await this.#content.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    return this.#content.render({
      pending: () =>
        html`<div aria-busy="true" role="status">
          <span class="sr-only">${msg('Loading page…')}</span>
          <div class="skeleton" style=${inlineStyles({ width: '40%' })}></div>
          <div class="skeleton"></div>
          <div class="skeleton" style=${inlineStyles({ width: '80%' })}></div>
        </div>`,
      error: (error) =>
        html`<div class="error" role="alert">
          <p>
            ${error instanceof PortalApiError ? messageFor(error.code) : msg('This page could not be loaded.')}
          </p>
          <button @click=${() => this.#content.run()}>${msg('Try again')}</button>
        </div>`,
      complete: (payload) => (payload ? this.#page(payload) : nothing),
    });
  }

  #page(payload: PagePayload) {
    const part = PAGE_PARTS[payload.type];
    void part?.load();
    return html`<h2 part="heading" tabindex="-1">${payload.title}</h2>
      ${part ? part.render(payload, this.locale) : html`<p class="placeholder">${msg('This kind of page is coming soon to this portal.')}</p>`}`;
  }
}
