import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { PortalApiClient } from '../../api/client.js';
import { apiContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { NoticeController } from '../../controllers/notices.js';
import { tabStyles } from './portal-settings.styles.js';

/** The tabs whose settings can be saved: the `area` of `pk-settings-change`. */
export type SettingsArea = 'content' | 'people' | 'branding';

/**
 * An option selected by property, not attribute: once the person has picked one, the browser no
 * longer follows `selected` attributes, so after a save (or a refusal) the select would keep
 * showing the pick instead of what is stored.
 */
export const option = (value: string, selected: boolean, label: string) =>
  html`<option value=${value} .selected=${live(selected)}>${label}</option>`;

/**
 * What every tab of <pk-portal-settings> shares: it loads its data while open (each opening loads
 * afresh; closing the tab or opening another aborts a load still under way), tells the person what
 * happened in one notice, and reports failures to the host as `pk-error`. A tab owns its drafts:
 * they stay while another tab is open.
 *
 * @fires pk-error - Loading or saving failed.
 * @fires pk-settings-busy - Internal (bubbles to the host's panel, not composed): the tab started
 *   or finished loading (`busy`).
 */
export abstract class PkSettingsTab<T> extends LitElement {
  static override styles = tabStyles;

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  /** `view`: the staff member may only look. */
  @property() access: 'view' | 'edit' = 'edit';

  /** How many times the host opened this tab; 0 while another tab is open. */
  @property({ type: Number }) opened = 0;

  /** What was saved, or why loading or saving failed. */
  protected readonly notices = new NoticeController(this);

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #busy = false;

  /** The tab's data: loaded on each opening and after each write, with the AbortSignal passed on. */
  protected readonly data = new Task(this, {
    args: () => [this.#api.value, this.opened, this.filter()] as const,
    task: async ([api, opened], { signal }) => {
      if (!api || !opened) return initialState;
      try {
        return await this.load(api, signal);
      } catch (error) {
        if (signal.aborted) return initialState;
        this.fail(error);
        // A failed reload keeps what was shown; a failed first load shows the notice alone.
        if (this.data.value === undefined) throw error;
        return initialState;
      }
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Loading, or waiting for the session to load: the host's `aria-busy`. */
  get busy(): boolean {
    const { status, value } = this.data;
    return status === TaskStatus.PENDING || (status === TaskStatus.INITIAL && value === undefined);
  }

  protected get readOnly() {
    return this.access !== 'edit';
  }

  protected get api() {
    return this.#api.value!;
  }

  /** What else the load depends on (a filter): a change loads afresh. */
  protected filter(): unknown {
    return undefined;
  }

  protected abstract load(api: PortalApiClient, signal: AbortSignal): Promise<T>;

  protected abstract show(data: T): TemplateResult;

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('opened') && this.opened) this.notices.clear();
  }

  override updated(changed: Map<PropertyKey, unknown>) {
    // Each opening tells the host afresh: a tab closed before its first load was busy already.
    if (this.busy === this.#busy && !(changed.has('opened') && this.opened)) return;
    this.#busy = this.busy;
    this.dispatchEvent(new Event('pk-settings-busy', { bubbles: true }));
  }

  override render() {
    const data = this.data.value;
    return html`${this.notices.render()}
    ${data === undefined ? html`<p role="status">${msg('Loading…')}</p>` : this.show(data)}`;
  }

  protected fail(error: unknown) {
    this.notices.fail(error);
  }

  /**
   * One write: the notice says what happened, `pk-settings-change` tells the host (and the shell,
   * which refreshes its navigation and branding) which area changed, and the tab reloads.
   */
  protected async write(area: SettingsArea, done: string, action: () => Promise<unknown>) {
    this.notices.clear();
    try {
      await action();
      this.notices.info(done);
      emit(this, 'pk-settings-change', { area });
      await this.data.run();
    } catch (error) {
      this.fail(error);
    }
  }
}
