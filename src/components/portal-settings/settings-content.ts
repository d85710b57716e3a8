import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalApiClient } from '../../api/client.js';
import type { ContentTree, ExternalRoleList } from '../../contract/manage.js';
import { manageContent, manageContentSave, manageRoles } from '../../contract/routes/manage.js';
import { PkSettingsTab, option } from './settings-tab.js';

type Access = 'view' | 'edit';
type PageShare = 'view' | 'edit' | 'none' | null;
type Loaded = { content: ContentTree; roles: ExternalRoleList };

/**
 * The Content tab of <pk-portal-settings> (R2): what is shared — each section and page with its
 * access — saved in one go, and what customers of one role get.
 *
 * @tag pk-settings-content
 * @fires pk-settings-change - Sharing was saved ({ area: 'content' }).
 * @fires pk-error - Loading or saving failed.
 */
export class PkSettingsContent extends PkSettingsTab<Loaded> {
  @state() private draft: {
    sections: Record<string, Access | null>;
    pages: Record<string, PageShare>;
  } = { sections: {}, pages: {} };
  /** Preview what external users of this role get ('' = every right). */
  @state() private previewRole = '';
  /** The tree a save answered, shown until the reload after it brings the next. */
  @state() private saved?: { tree: ContentTree; over?: Loaded };

  protected override async load(api: PortalApiClient, signal: AbortSignal) {
    const [content, roles] = await Promise.all([
      api.call(manageContent, { signal }),
      api.call(manageRoles, { signal }),
    ]);
    return { content, roles };
  }

  protected override show(data: Loaded) {
    const tree = this.saved?.over === data ? this.saved.tree : data.content;
    const draft = this.draft;
    const changed = Object.keys(draft.sections).length + Object.keys(draft.pages).length;
    const sectionShare = (id: string, share: Access | null) =>
      id in draft.sections ? draft.sections[id]! : share;
    const pageShare = (id: string, share: PageShare) => (id in draft.pages ? draft.pages[id]! : share);
    // What an external user of the previewed role gets: a table of a model the role cannot view,
    // or files without file access, is not there for them (R3, R6).
    const role = data.roles.roles.find((r) => r.id === this.previewRole);
    const effective = (
      share: PageShare,
      section: Access | null,
      page?: ContentTree['loosePages'][number],
    ) => {
      const access = share === 'none' ? null : (share ?? section);
      if (!access || !role || !page) return access;
      if (page.type === 'table' && page.model && !role.models[page.model]?.view) return null;
      if (page.type === 'files' && !role.fileAccess) return null;
      return access;
    };
    const badge = (access: Access | null) =>
      html`<span class="badge ${access ?? 'none'}"
        >${access === 'edit' ? msg('Edit') : access === 'view' ? msg('View') : msg('Not shared')}</span
      >`;
    const sectionSelect = (id: string, title: string, value: Access | null) =>
      html`<select
        aria-label=${msg(str`Share of section ${title}`)}
        ?disabled=${this.readOnly}
        @change=${(e: Event) => this.#draftSection(id, (e.target as HTMLSelectElement).value)}
      >
        ${option('', value === null, msg('Not shared'))} ${option('view', value === 'view', msg('View'))}
        ${option('edit', value === 'edit', msg('Edit'))}
      </select>`;
    const pageSelect = (id: string, title: string, value: PageShare, inSection: boolean) =>
      html`<select
        aria-label=${msg(str`Share of page ${title}`)}
        ?disabled=${this.readOnly}
        @change=${(e: Event) => this.#draftPage(id, (e.target as HTMLSelectElement).value)}
      >
        ${option('', value === null, inSection ? msg('As its section') : msg('Not shared'))}
        ${inSection ? option('none', value === 'none', msg('Hidden')) : nothing}
        ${option('view', value === 'view', msg('View'))} ${option('edit', value === 'edit', msg('Edit'))}
      </select>`;
    return html`<p class="muted">
        ${msg('A section shares its pages with its access unless a page says otherwise; a page can be shared alone.')}
      </p>
      <div class="bar">
        <label
          >${msg('Customers get — preview for')}
          <select @change=${(e: Event) => (this.previewRole = (e.target as HTMLSelectElement).value)}>
            ${option('', !this.previewRole, msg('Someone with every right'))}
            ${data.roles.roles.map((r) => option(r.id, r.id === this.previewRole, msg(str`Role ${r.name}`)))}
          </select>
        </label>
      </div>
      <div class="scroll cards">
        <table role="table" aria-label=${msg('Sharing of sections and pages')}>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">${msg('Section or page')}</th>
              <th role="columnheader" scope="col">${msg('Shared as')}</th>
              <th role="columnheader" scope="col">${msg('Customers get')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${tree.sections.map((section) => {
              const share = sectionShare(section.id, section.share);
              return html`<tr role="row" class="section">
                  <td role="cell">${section.title}</td>
                  <td role="cell" data-label=${msg('Shared as')}>
                    ${sectionSelect(section.id, section.title, share)}
                  </td>
                  <td role="cell" data-label=${msg('Customers get')}>${badge(share)}</td>
                </tr>
                ${section.pages.map((page) => {
                  const own = pageShare(page.id, page.share);
                  return html`<tr role="row" class="page">
                    <td role="cell">${page.title}</td>
                    <td role="cell" data-label=${msg('Shared as')}>
                      ${pageSelect(page.id, page.title, own, true)}
                    </td>
                    <td role="cell" data-label=${msg('Customers get')}>
                      ${badge(effective(own, share, page))}
                    </td>
                  </tr>`;
                })}`;
            })}
            ${tree.loosePages.map((page) => {
              const own = pageShare(page.id, page.share);
              return html`<tr role="row">
                <td role="cell">${page.title}</td>
                <td role="cell" data-label=${msg('Shared as')}>
                  ${pageSelect(page.id, page.title, own, false)}
                </td>
                <td role="cell" data-label=${msg('Customers get')}>${badge(effective(own, null, page))}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${
        this.readOnly
          ? nothing
          : html`<div class="bar">
              <button class="primary" ?disabled=${changed === 0} @click=${this.#save}>
                ${msg(str`Save changes (${changed})`)}
              </button>
              <button ?disabled=${changed === 0} @click=${() => (this.draft = { sections: {}, pages: {} })}>
                ${msg('Discard')}
              </button>
            </div>`
      }`;
  }

  #draftSection(id: string, value: string) {
    const sections = { ...this.draft.sections, [id]: value === '' ? null : (value as Access) };
    this.draft = { ...this.draft, sections };
  }

  #draftPage(id: string, value: string) {
    const pages = { ...this.draft.pages, [id]: value === '' ? null : (value as PageShare) };
    this.draft = { ...this.draft, pages };
  }

  async #save() {
    const change = this.draft;
    await this.write('content', msg('Sharing saved. Customers see it from their next click.'), async () => {
      const tree = await this.api.call(manageContentSave, { body: change });
      // The stored tree and no draft in one update: no control ever shows the state before the save.
      this.saved = { tree, over: this.data.value };
      this.draft = { sections: {}, pages: {} };
    });
  }
}
