import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PortalApiError } from '../../api/errors.js';
import { PagePayload, type PageType } from '../../contract/schemas.js';
import { apiContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { sanitizeHtml } from '../../internal/sanitize.js';
import { PAGE_PARTS } from './page-types.js';
import { styles } from './page.styles.js';

type Widget = NonNullable<PagePayload['widgets']>[number];

/**
 * One portal page, drawn by its type. Fetches its content unless the shell hands it over.
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

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  readonly #content = new Task(this, {
    args: () => [this.page, this.payload, this.#api.value] as const,
    task: async ([page, payload, api], { signal }) => {
      if (payload && payload.id === page) return payload;
      if (!page || !api) return undefined;
      return api.request(`/pages/${encodeURIComponent(page)}`, PagePayload, { signal });
    },
  });

  readonly #safeHtml = new Task(this, {
    args: () => [this.#content.value?.html] as const,
    task: ([raw]) => (raw === undefined ? undefined : sanitizeHtml(raw)),
  });

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
          <div class="skeleton" style="width: 40%"></div>
          <div class="skeleton"></div>
          <div class="skeleton" style="width: 80%"></div>
        </div>`,
      error: (error) => this.#error(error),
      complete: (payload) => (payload ? this.#page(payload) : nothing),
    });
  }

  override updated(changed: Map<string, unknown>) {
    super.updated(changed);
    if (this.#content.status === 3 && !this.#reported) {
      this.#reported = true;
      const error = this.#content.error;
      if (error instanceof PortalApiError)
        emit(this, 'pk-error', {
          code: error.code,
          message: error.message,
          ...(error.hint ? { hint: error.hint } : {}),
        });
    }
    if (this.#content.status !== 3) this.#reported = false;
  }

  #reported = false;

  #error(error: unknown) {
    const message =
      error instanceof PortalApiError ? messageFor(error.code) : msg('This page could not be loaded.');
    return html`<div class="error" role="alert">
      <p>${message}</p>
      <button @click=${() => this.#content.run()}>${msg('Try again')}</button>
    </div>`;
  }

  #page(payload: PagePayload) {
    const part = PAGE_PARTS[payload.type];
    if (part) {
      void part.load();
      return html`<h2 part="heading" tabindex="-1">${payload.title}</h2>
        ${part.render(payload, this.locale)}`;
    }
    const renderers: Partial<Record<PageType, () => unknown>> = {
      dashboard: () => this.#widgets(payload.widgets ?? []),
      presentation: () => this.#widgets(payload.widgets ?? []),
      goals: () => this.#widgets(payload.widgets ?? []),
      html: () => this.#prose(),
    };
    const body =
      renderers[payload.type]?.() ??
      html`<p class="placeholder">${msg('This kind of page is coming soon to this portal.')}</p>`;
    return html`<h2 part="heading" tabindex="-1">${payload.title}</h2>
      ${body}`;
  }

  #prose() {
    return this.#safeHtml.render({
      pending: () => html`<div class="skeleton"></div>`,
      complete: (safe) => html`<div class="prose">${unsafeHTML(safe ?? '')}</div>`,
      error: () => html`<p class="error" role="alert">${msg('This content could not be shown.')}</p>`,
    });
  }

  #widgets(widgets: readonly Widget[]) {
    if (widgets.length === 0) return html`<p class="empty">${msg('No widgets on this page yet.')}</p>`;
    const number = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 });
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
                  <span>${g.key || '—'}</span><span style="width: ${(g.value / max) * 100}%"></span
                  ><span>${number.format(g.value)}</span>
                </li>`,
            )}
          </ul>`;
        } else body = html`<p class="value">${number.format(r.value ?? 0)}</p>`;
        return html`<section class="widget" aria-label=${w.title}>
          <h3>${w.title}</h3>
          ${body}
        </section>`;
      })}
    </div>`;
  }
}
