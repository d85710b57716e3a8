import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './portal.styles.js';

/**
 * The portal shell: turns a launch token into a session and renders what that
 * person may see.
 *
 * @tag pk-portal
 * @slot - Composed layout: light-DOM parts that receive the session through context.
 * @csspart status - The loading / empty / error state box.
 * @cssprop --pk-font-family - Font of every part.
 * @cssprop --pk-color-primary - Brand colour (overridden by the portal's branding).
 * @cssprop --pk-color-on-primary - Text on the brand colour.
 * @cssprop --pk-color-text - Body text colour.
 * @cssprop --pk-color-text-muted - Secondary text colour.
 * @cssprop --pk-color-surface - Background of the portal.
 * @cssprop --pk-color-surface-sunken - Background of wells and skeletons.
 * @cssprop --pk-color-border - Borders and dividers.
 * @cssprop --pk-color-danger - Errors.
 * @cssprop --pk-color-focus - Keyboard focus ring.
 * @cssprop --pk-radius - Corner radius.
 * @cssprop --pk-space - Base spacing unit.
 */
export class PkPortal extends LitElement {
  static override styles = styles;

  /** Launch token minted by the vendor's backend. A property only: never an attribute, so it stays out of the DOM. */
  @property({ attribute: false }) token?: string;

  /** Called for a fresh launch token when the session nears its end. */
  @property({ attribute: false }) fetchToken?: () => Promise<string>;

  /** Base URL of the portal API. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** BCP 47 locale of the portal's strings, dates and numbers. */
  @property() locale = 'en';

  /** `memory` (default) never touches the host's URL; `hash` keeps the page in `location.hash`. */
  @property() routing: 'memory' | 'hash' = 'memory';

  /** Current page id; the host may set it for deep links. */
  @property({ reflect: true }) page?: string;

  override render() {
    if (!this.token) {
      return html`<div part="status" role="status">
        <p>This portal is waiting for a sign-in token from the host application.</p>
      </div>`;
    }
    return html`<div part="status" role="status" aria-busy="true">
      <span class="sr-only">Loading portal…</span>
      <div class="skeleton"></div>
      <div class="skeleton"></div>
    </div>`;
  }
}
