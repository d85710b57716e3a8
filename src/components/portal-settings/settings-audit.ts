import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalApiClient } from '../../api/client.js';
import type { AuditItem, AuditList } from '../../contract/manage.js';
import { manageAudit } from '../../contract/routes/manage.js';
import { PkSettingsTab, option } from './settings-tab.js';
import { actionWords, changesTemplate } from './trail-words.js';

/**
 * The Audit trail tab of <pk-portal-settings> (R23): who did what in the portal, in names and
 * words, filtered by person and kind.
 *
 * @tag pk-settings-audit
 * @fires pk-error - Loading failed.
 */
export class PkSettingsAudit extends PkSettingsTab<AuditList> {
  @state() private auditFilter = { actor: '', action: '' };
  /** Older pages the person asked for, after the first one, and where to go on from. */
  @state() private older: { items: AuditItem[]; nextCursor: string | null } | undefined;
  @state() private loadingOlder = false;

  protected override filter() {
    return this.auditFilter;
  }

  #query(cursor?: string) {
    const { actor, action } = this.auditFilter;
    return { actor: actor || undefined, action: action || undefined, cursor };
  }

  /** Counts the loads of the first page: an older page asked for before the latest one is dropped. */
  #loads = 0;

  protected override async load(api: PortalApiClient, signal: AbortSignal) {
    this.#loads++;
    this.older = undefined;
    return api.call(manageAudit, { query: this.#query(), signal });
  }

  /** The next page of older entries, below the ones shown; focus stays on the button. */
  async #showOlder(cursor: string) {
    if (this.loadingOlder) return;
    this.loadingOlder = true;
    // A page of the list as it was: dropped when the list was loaded again meanwhile (a filter).
    const base = this.#loads;
    try {
      const page = await this.api.call(manageAudit, { query: this.#query(cursor) });
      if (this.#loads !== base) return;
      const shown = this.renderRoot.querySelectorAll('ul.trail > li').length;
      this.older = { items: [...(this.older?.items ?? []), ...page.items], nextCursor: page.nextCursor };
      // The last page: the button goes, so focus goes to the first entry it brought.
      if (!page.nextCursor) {
        await this.updateComplete;
        this.renderRoot.querySelectorAll<HTMLElement>('ul.trail > li')[shown]?.focus();
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.loadingOlder = false;
    }
  }

  protected override show(first: AuditList) {
    const items = [...first.items, ...(this.older?.items ?? [])];
    const next = this.older ? this.older.nextCursor : first.nextCursor;
    const time = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const actors = new Map<string, string>();
    for (const e of items) actors.set(e.actor.id, e.actor.name);
    const kinds: [string, string][] = [
      ['', msg('Everything')],
      ['record.', msg('Records')],
      ['task.', msg('Tasks')],
      ['comment.', msg('Comments')],
      ['file.', msg('Files')],
      ['document.', msg('Documents')],
      ['page.', msg('Sharing')],
      ['portal_user.', msg('People')],
      ['portal.', msg('Portal settings')],
      ['role.', msg('Roles')],
      ['contact.', msg('Contacts')],
    ];
    return html`<div class="bar" role="group" aria-label=${msg('Filter the audit trail')}>
        <label
          >${msg('Person')}
          <select
            @change=${(e: Event) => {
              this.auditFilter = { ...this.auditFilter, actor: (e.target as HTMLSelectElement).value };
            }}
          >
            ${option('', !this.auditFilter.actor, msg('Anyone'))}
            ${[...actors].map(([id, name]) => option(id, this.auditFilter.actor === id, name))}
          </select>
        </label>
        <label
          >${msg('Kind')}
          <select
            @change=${(e: Event) => {
              this.auditFilter = { ...this.auditFilter, action: (e.target as HTMLSelectElement).value };
            }}
          >
            ${kinds.map(([v, label]) => option(v, this.auditFilter.action === v, label))}
          </select>
        </label>
      </div>
      ${
        items.length === 0
          ? html`<p class="muted">${msg('Nothing recorded yet.')}</p>`
          : html`<ul class="plain trail" aria-label=${msg('Audit trail')}>
              ${items.map(
                (e) =>
                  html`<li tabindex="-1">
                    <strong>${e.actor.name}</strong
                    >${e.onBehalfOf ? html` ${msg(str`as ${e.onBehalfOf.name}`)}` : nothing}
                    ${actionWords(e.action, e.object, e.readable)}
                    <span class="muted when">· ${time.format(new Date(e.at))}</span>
                    ${changesTemplate(e.readable, this.locale)}
                    ${e.note ? html`<br /><span class="muted">${e.note}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
      }
      ${
        next
          ? html`<button class="older" aria-busy=${this.loadingOlder} @click=${() => this.#showOlder(next)}>
              ${this.loadingOlder ? msg('Loading…') : msg('Show older entries')}
            </button>`
          : nothing
      }`;
  }
}
