import { msg } from '@lit/localize';
import { html } from 'lit';
import type { PortalApiClient } from '../../api/client.js';
import type { PortalActivity } from '../../contract/manage.js';
import { manageActivity } from '../../contract/routes/manage.js';
import { formatNumber } from '../../internal/format.js';
import { inlineStyles } from '../../internal/inline-styles.js';
import { PkSettingsTab } from './settings-tab.js';
import { changesTemplate, feedWords } from './trail-words.js';

/**
 * The Activity tab of <pk-portal-settings> (R15): how many end users were active, and what they
 * did, in words.
 *
 * @tag pk-settings-activity
 * @fires pk-error - Loading failed.
 */
export class PkSettingsActivity extends PkSettingsTab<PortalActivity> {
  protected override load(api: PortalApiClient, signal: AbortSignal) {
    return api.call(manageActivity, { signal });
  }

  protected override show(a: PortalActivity) {
    const max = Math.max(1, a.activeEndUsers.d90);
    const stat = (label: string, value: number) =>
      html`<div class="stat">
        <span class="muted">${label}</span>
        <strong>${formatNumber(value, this.locale)}</strong>
        <div
          class="meter"
          style=${inlineStyles({ width: `${Math.max(2, (value / max) * 100)}%` })}
          aria-hidden="true"
        ></div>
      </div>`;
    const time = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<h3>${msg('Active end users')}</h3>
      <div class="stats">
        ${stat(msg('Last 7 days'), a.activeEndUsers.d7)} ${stat(msg('Last 30 days'), a.activeEndUsers.d30)}
        ${stat(msg('Last 90 days'), a.activeEndUsers.d90)}
      </div>
      <h3>${msg('Recent activity')}</h3>
      ${
        a.feed.length === 0
          ? html`<p class="muted">${msg('No activity yet.')}</p>`
          : html`<ul class="plain">
              ${a.feed.map(
                (e) =>
                  html`<li>
                    <strong>${e.person}</strong>
                    ${feedWords(e)}
                    <span class="muted when">· ${time.format(new Date(e.at))}</span>
                    ${changesTemplate(e.changes, this.locale)}
                  </li>`,
              )}
            </ul>`
      }`;
  }
}
