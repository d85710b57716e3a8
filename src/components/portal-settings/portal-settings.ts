import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalApiClient } from '../../api/client.js';
import { apiContext } from '../../context/portal-context.js';
import { styles } from './portal-settings.styles.js';
import { PkSettingsActivity } from './settings-activity.js';
import { PkSettingsAudit } from './settings-audit.js';
import { PkSettingsBranding } from './settings-branding.js';
import { PkSettingsContent } from './settings-content.js';
import { PkSettingsPeople } from './settings-people.js';
import type { PkSettingsTab } from './settings-tab.js';
import { html as staticHtml, literal } from 'lit/static-html.js';

/** The part of each tab, in tab order: the element entry registers each as `pk-settings-<tab>`. */
export const settingsTabs = {
  content: PkSettingsContent,
  people: PkSettingsPeople,
  branding: PkSettingsBranding,
  activity: PkSettingsActivity,
  audit: PkSettingsAudit,
};
type Tab = keyof typeof settingsTabs;
/** Each tab's tag (registered with its class by the element's entry). */
const TAGS: Record<Tab, ReturnType<typeof literal>> = {
  content: literal`pk-settings-content`,
  people: literal`pk-settings-people`,
  branding: literal`pk-settings-branding`,
  activity: literal`pk-settings-activity`,
  audit: literal`pk-settings-audit`,
};
const TABS = Object.keys(settingsTabs) as Tab[];

/**
 * R20, R23: vendor staff run the portal of their session — what is shared, who its users are and
 * who may sign in, its colours, its activity and its audit trail — and view it as any of its users
 * (R12, R22). Staff whose role only views see everything read-only.
 *
 * The host holds the tabs; each tab is a part of its own (`settings-*.ts`) that loads its data
 * and keeps its drafts while another tab is open.
 *
 * @tag pk-portal-settings
 * @fires pk-settings-change - A setting was saved ({ area }: `content`, `people` or `branding`).
 * @fires pk-error - Loading or saving failed.
 */
export class PkPortalSettings extends LitElement {
  static override styles = styles;

  /** The tab last open in each session, so "Exit view" comes back to it (R22). */
  static readonly #lastTab = new WeakMap<PortalApiClient, Tab>();

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  /** `view`: the staff member may only look (their role lacks Customer Portals). */
  @property() access: 'view' | 'edit' = 'edit';

  @state() private tab: Tab = 'content';
  /** The tabs opened so far, each with the count of its latest opening (it loads afresh). */
  @state() private opened: Partial<Record<Tab, number>> = {};
  @state() private busy = true;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #apiSeen?: PortalApiClient;
  #openings = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override willUpdate() {
    const api = this.#api.value;
    if (api !== this.#apiSeen || !this.hasUpdated) {
      this.#apiSeen = api;
      this.#select((api && PkPortalSettings.#lastTab.get(api)) || this.tab);
    }
  }

  #label(tab: Tab): string {
    return {
      content: msg('Content'),
      people: msg('People'),
      branding: msg('Branding'),
      activity: msg('Activity'),
      audit: msg('Audit trail'),
    }[tab];
  }

  #select(tab: Tab, focus = false) {
    this.tab = tab;
    if (this.#apiSeen) PkPortalSettings.#lastTab.set(this.#apiSeen, tab);
    this.opened = { ...this.opened, [tab]: ++this.#openings };
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  #onTabKey(event: KeyboardEvent) {
    const index = TABS.indexOf(this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#select(TABS[(next + TABS.length) % TABS.length]!, true);
  }

  /** The open tab says whether it is loading: the panel's `aria-busy`. */
  #onBusy(event: Event) {
    const part = event.target as PkSettingsTab<unknown>;
    if (part.opened) this.busy = part.busy;
  }

  override render() {
    return html`<div role="tablist" aria-label=${msg('Portal settings')} @keydown=${this.#onTabKey}>
        ${TABS.map(
          (t) =>
            html`<button
              role="tab"
              id="tab-${t}"
              aria-selected=${t === this.tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${t === this.tab ? 0 : -1}
              @click=${() => this.#select(t)}
            >
              ${this.#label(t)}
            </button>`,
        )}
      </div>
      <div
        role="tabpanel"
        id="panel"
        aria-labelledby="tab-${this.tab}"
        aria-busy=${this.busy ? 'true' : 'false'}
        @pk-settings-busy=${this.#onBusy}
      >
        ${this.access === 'edit' ? nothing : html`<p class="note">${msg('Your role lets you see these settings, not change them.')}</p>`}
        ${TABS.map((t) => (t in this.opened ? this.#part(t) : nothing))}
      </div>`;
  }

  /** A tab's part, once opened; kept (with its drafts) while another tab is open. */
  #part(tab: Tab) {
    const open = tab === this.tab;
    const opened = open ? this.opened[tab]! : 0;
    const tag = TAGS[tab];
    return staticHtml`<${tag}
      ?hidden=${!open}
      .opened=${opened}
      access=${this.access}
      locale=${this.locale}
    ></${tag}>`;
  }
}
