import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { inlineStyles } from '../../internal/inline-styles.js';
import { property } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import type { PagePayload } from '../../contract/schemas.js';
import { pagePayloadTask } from '../../controllers/page-payload.js';
import { formatNumber, formatValue } from '../../internal/format.js';
import { messageFor } from '../../internal/messages.js';
import { styles } from './dashboard.styles.js';
import { reportFailure } from '../../internal/failures.js';

type Widget = NonNullable<PagePayload['widgets']>[number];

/**
 * Dashboard, presentation and success-plan pages: widgets computed by the server over records
 * shared to the portal (R4). A widget the role may not see says so and carries no number.
 *
 * @tag pk-dashboard
 * @csspart widget - One widget.
 */
export class PkDashboard extends LitElement {
  static override styles = styles;

  /** Id of the dashboard page. */
  @property() page = '';

  /** The page's content when already known (from the shell). */
  @property({ attribute: false }) payload?: PagePayload;

  /** Locale for numbers. */
  @property() locale = 'en';

  readonly #content = pagePayloadTask(this, { error: (error) => reportFailure(this, error) });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return this.#content.render({
      pending: () => html`<p role="status" aria-busy="true">${msg('Loading widgets…')}</p>`,
      error: (e) =>
        html`<p role="alert">
          ${e instanceof PortalApiError ? messageFor(e.code) : msg('This page could not be loaded.')}
        </p>`,
      complete: (page) => (page ? this.#widgets(page.widgets ?? []) : nothing),
    });
  }

  #widgets(widgets: readonly Widget[]) {
    if (widgets.length === 0) return html`<p class="empty">${msg('No widgets on this page yet.')}</p>`;

    return html`<div class="widgets">
      ${widgets.map((w) => {
        const r = w.result;
        let body: TemplateResult;
        if (r.status === 'no_access')
          body = html`<p class="no-access">${msg("Can't show this widget. You have no access")}</p>`;
        else if (r.groups) {
          const max = Math.max(1, ...r.groups.map((g) => g.value));
          body = html`<ul class="bars">
            ${r.groups.map(
              (g) =>
                html`<li class="bar">
                  <span
                    >${g.label ?? formatValue(g.key, r.keyType === 'month' ? 'month' : r.keyType === 'boolean' ? 'boolean' : 'string', this.locale)}</span
                  ><span class="track"
                    ><span
                      class="fill"
                      style=${inlineStyles({ width: `${(g.value / max) * 100}%` })}
                    ></span></span
                  ><span>${formatNumber(g.value, this.locale)}</span>
                </li>`,
            )}
          </ul>`;
        } else body = html`<p class="value">${formatNumber(r.value ?? 0, this.locale)}</p>`;
        return html`<section part="widget" class="widget" aria-label=${w.title}>
          <h3>${w.title}</h3>
          ${body}
        </section>`;
      })}
    </div>`;
  }
}
