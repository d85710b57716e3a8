import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { PortalApiClient } from '../../api/client.js';
import type { PortalBranding } from '../../contract/manage.js';
import { manageBranding, manageBrandingSave } from '../../contract/routes/manage.js';
import { formatNumber } from '../../internal/format.js';
import { inlineStyles } from '../../internal/inline-styles.js';
import { contrastRatio, readableOn } from '../../shared/contrast.js';
import { PkSettingsTab, option } from './settings-tab.js';

/**
 * The Branding tab of <pk-portal-settings> (R14): the portal's template and colours, with a live
 * preview and its contrast; colours too faint to read are not saved.
 *
 * @tag pk-settings-branding
 * @fires pk-settings-change - The colours were saved ({ area: 'branding' }).
 * @fires pk-error - Loading or saving failed.
 */
export class PkSettingsBranding extends PkSettingsTab<PortalBranding> {
  @state() private draft: { templateId?: string; primary?: string | null; accent?: string | null } = {};

  protected override async load(api: PortalApiClient, signal: AbortSignal) {
    const branding = await api.call(manageBranding, { signal });
    this.draft = {};
    return branding;
  }

  protected override show(b: PortalBranding) {
    const draft = this.draft;
    const templateId = draft.templateId ?? b.templateId;
    const template = b.templates.find((t) => t.id === templateId);
    const override = (key: 'primary' | 'accent') => (key in draft ? draft[key] : (b.overrides[key] ?? null));
    const primary = override('primary') ?? template?.colors.primary ?? b.effective.primary;
    const accent = override('accent') ?? template?.colors.accent ?? primary;
    const onPrimary = readableOn(primary);
    const ratio = contrastRatio(primary, onPrimary);
    const changed = Object.keys(draft).length > 0;
    // Every field is a label above its controls, so the labels line up whatever is beside an input.
    const colour = (key: 'primary' | 'accent', label: string, value: string) =>
      html`<div class="field">
        <label for="colour-${key}">${label}</label>
        <div class="controls">
          <input
            id="colour-${key}"
            type="color"
            .value=${live(value)}
            ?disabled=${this.readOnly}
            @input=${(e: Event) => (this.draft = { ...this.draft, [key]: (e.target as HTMLInputElement).value })}
          />
          ${
            override(key) && !this.readOnly
              ? html`<button type="button" @click=${() => (this.draft = { ...this.draft, [key]: null })}>
                  ${msg('Use template colour')}<span class="sr-only"> (${label})</span>
                </button>`
              : nothing
          }
        </div>
      </div>`;
    return html`<div class="colors">
        <div class="field">
          <label for="template">${msg('Template')}</label>
          <div class="controls">
            <select
              id="template"
              ?disabled=${this.readOnly}
              @change=${(e: Event) => (this.draft = { ...this.draft, templateId: (e.target as HTMLSelectElement).value })}
            >
              ${b.templates.map((t) => option(t.id, t.id === templateId, t.name))}
            </select>
          </div>
        </div>
        ${colour('primary', msg('Brand colour'), primary)} ${colour('accent', msg('Accent'), accent)}
      </div>
      <div
        class="preview"
        style=${inlineStyles({ background: primary, color: onPrimary })}
        aria-label=${msg('Preview')}
        role="img"
      >
        <strong>${msg('Portal header preview')}</strong>
        <small>${msg('Every text on the brand colour uses this colour.')}</small>
      </div>
      <p class="${ratio >= 4.5 ? 'muted' : 'warn'}" role="status">
        ${msg(str`Text contrast ${formatNumber(Math.round(ratio * 10) / 10, this.locale)}:1 — WCAG AA needs 4.5:1.`)}
      </p>
      ${
        this.readOnly
          ? nothing
          : html`<div class="bar">
              <button class="primary" ?disabled=${!changed || ratio < 4.5} @click=${this.#save}>
                ${msg('Save colours')}
              </button>
              <button ?disabled=${!changed} @click=${() => (this.draft = {})}>${msg('Discard')}</button>
            </div>`
      }`;
  }

  async #save() {
    const { templateId, ...colours } = this.draft;
    await this.write(
      'branding',
      msg('Colours saved. Customers see them when they next open the portal.'),
      () =>
        this.api.call(manageBrandingSave, {
          body: { ...(templateId ? { templateId } : {}), overrides: colours },
        }),
    );
  }
}
