import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { sessionContext } from '../../context/portal-context.js';
import { tokens } from '../../styles/tokens.js';

/**
 * One shared section of the portal in a composed layout: its title and each of its pages the
 * person may see (R2), one after the other. Pages not shared never appear.
 *
 * @tag pk-section
 * @csspart title - The section title.
 * @cssprop --pk-section-gap - Space between pages.
 */
export class PkSection extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: grid;
        gap: var(--pk-section-gap, calc(var(--_space) * 4));
      }
      h2 {
        margin: 0;
        font-size: 1.5rem;
      }
      p {
        color: var(--_fg-muted);
      }
    `,
  ];

  /** Id of the section. */
  @property() section = '';

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const bootstrap = this.#session.value;
    if (!bootstrap) return html`<p role="status">${msg('Loading portal…')}</p>`;
    const section = bootstrap.navigation.find((s) => s.id === this.section);
    if (!section) return html`<p>${msg('Nothing has been shared here yet.')}</p>`;
    const landing = bootstrap.landing;
    return html`<h2 part="title">${section.title}</h2>
      ${section.pages.map(
        (p) =>
          html`<pk-page
            page=${p.id}
            .payload=${landing?.id === p.id ? landing : undefined}
            locale=${this.locale}
          ></pk-page>`,
      )}`;
  }
}
