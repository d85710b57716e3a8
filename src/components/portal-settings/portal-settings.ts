import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { inlineStyles } from '../../internal/inline-styles.js';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PortalApiError } from '../../api/errors.js';
import type {
  AuditItem,
  ContentTree,
  ExternalRoleList,
  Invitations,
  PortalActivity,
  PortalBranding,
  PortalPeople,
  ReadableChange,
} from '../../contract/manage.js';
import {
  manageActivity,
  manageAudienceSave,
  manageAudit,
  manageBranding,
  manageBrandingSave,
  manageContent,
  manageContentSave,
  manageInvitations,
  manageInvitationsSave,
  managePeople,
  managePeopleAdd,
  managePeopleRemove,
  managePeopleUpdate,
  manageRoles,
} from '../../contract/routes/manage.js';
type Access = 'view' | 'edit';
import { apiContext } from '../../context/portal-context.js';
import { contrastRatio, readableOn } from '../../shared/contrast.js';
import { noticeTemplate, type Notice } from '../../internal/notice.js';
import { emit } from '../../internal/emit.js';
import { formatNumber } from '../../internal/format.js';
import { messageFor } from '../../internal/messages.js';
import type { PkConfirm } from '../confirm/confirm.js';
import type { PkPicker } from '../picker/picker.js';
import { styles } from './portal-settings.styles.js';
import { actionWords, changeWords, feedWords } from './trail-words.js';

type Tab = 'content' | 'people' | 'branding' | 'activity' | 'audit';
/** The tabs whose settings can be saved: the `area` of `pk-settings-change`. */
type SettingsArea = Extract<Tab, 'content' | 'people' | 'branding'>;
const TABS: Tab[] = ['content', 'people', 'branding', 'activity', 'audit'];
type PageShare = 'view' | 'edit' | 'none' | null;
type Loaded = {
  content?: ContentTree;
  roles?: ExternalRoleList;
  people?: PortalPeople;
  invitations?: Invitations;
  branding?: PortalBranding;
  activity?: PortalActivity;
  audit?: AuditItem[];
};
/**
 * An option selected by property, not attribute: once the person has picked one, the browser no
 * longer follows `selected` attributes, so after a save (or a refusal) the select would keep
 * showing the pick instead of what is stored.
 */
const option = (value: string, selected: boolean, label: string) =>
  html`<option value=${value} .selected=${live(selected)}>${label}</option>`;

/** The tab last open, so "Exit view" comes back to it (R22). */
let lastTab: Tab = 'content';

/**
 * R20, R23: vendor staff run the portal of their session — what is shared, who its users are and
 * who may sign in, its colours, its activity and its audit trail — and view it as any of its users
 * (R12, R22). Staff whose role only views see everything read-only.
 *
 * @tag pk-portal-settings
 * @fires pk-settings-change - A setting was saved ({ area }: `content`, `people` or `branding`).
 * @fires pk-error - Loading or saving failed.
 */
export class PkPortalSettings extends LitElement {
  static override styles = styles;

  /** Locale for numbers and dates. */
  @property() locale = 'en';

  /** `view`: the staff member may only look (their role lacks Customer Portals). */
  @property() access: 'view' | 'edit' = 'edit';

  @state() private tab: Tab = lastTab;
  @state() private data: Loaded = {};
  @state() private loading = false;
  @state() private notice?: Notice;
  @state() private contentDraft: {
    sections: Record<string, Access | null>;
    pages: Record<string, PageShare>;
  } = { sections: {}, pages: {} };
  @state() private addContact = '';
  @state() private addRole = '';
  @state() private audience?: { kind: 'all' | 'featured' | 'selected'; contactIds: string[] };
  @state() private invited?: Set<string>;
  @state() private brandDraft: { templateId?: string; primary?: string | null; accent?: string | null } = {};
  @state() private auditFilter = { actor: '', action: '' };
  /** Content tab: preview what external users of this role get ('' = every right). */
  @state() private previewRole = '';

  @state() private removing?: { contactId: string; name: string };

  @query('pk-picker.audience') private audiencePicker?: PkPicker;
  @query('pk-confirm.remove') private removeConfirm?: PkConfirm;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #apiSeen?: unknown;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override willUpdate() {
    const api = this.#api.value;
    if (api && api !== this.#apiSeen) {
      this.#apiSeen = api;
      this.data = {};
      void this.#load(this.tab);
    }
  }

  get #readOnly() {
    return this.access !== 'edit';
  }

  async #load(tab: Tab) {
    const api = this.#api.value;
    if (!api) return;
    this.loading = true;
    try {
      if (tab === 'content') {
        const [content, roles] = await Promise.all([api.call(manageContent), api.call(manageRoles)]);
        this.data = { ...this.data, content, roles };
      }
      if (tab === 'people') {
        const [people, invitations] = await Promise.all([
          api.call(managePeople),
          api.call(manageInvitations),
        ]);
        this.data = { ...this.data, people, invitations };
        this.audience = { kind: people.audience.kind, contactIds: [...people.audience.contactIds] };
        this.invited = new Set(invitations.people.filter((p) => p.invited).map((p) => p.id));
        this.addRole ||= people.roles[0]?.id ?? '';
      }
      if (tab === 'branding') {
        this.data = { ...this.data, branding: await api.call(manageBranding) };
        this.brandDraft = {};
      }
      if (tab === 'activity') this.data = { ...this.data, activity: await api.call(manageActivity) };
      if (tab === 'audit') {
        const { actor, action } = this.auditFilter;
        const query = { actor: actor || undefined, action: action || undefined };
        const { items } = await api.call(manageAudit, { query });
        this.data = { ...this.data, audit: items };
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.loading = false;
    }
  }

  #fail(error: unknown) {
    this.notice = { kind: 'error', text: messageFor(error instanceof PortalApiError ? error : 'unexpected') };
    if (error instanceof PortalApiError)
      emit(this, 'pk-error', {
        code: error.code,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      });
  }

  /**
   * One write: the notice says what happened, `pk-settings-change` tells the host (and the shell,
   * which refreshes its navigation and branding) which area changed, and the tab reloads.
   */
  async #write(area: SettingsArea, done: string, action: () => Promise<unknown>) {
    this.notice = undefined;
    try {
      await action();
      this.notice = { kind: 'info', text: done };
      emit(this, 'pk-settings-change', { area });
      await this.#load(area);
    } catch (error) {
      this.#fail(error);
    }
  }

  // ── Tabs ────────────────────────────────────────────────────────────────────────────────

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
    this.tab = lastTab = tab;
    this.notice = undefined;
    void this.#load(tab);
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
        aria-busy=${this.loading ? 'true' : 'false'}
      >
        ${this.#readOnly ? html`<p class="note">${msg('Your role lets you see these settings, not change them.')}</p>` : nothing}
        ${noticeTemplate(this.notice)} ${this.#panel()}
      </div>`;
  }

  #panel(): TemplateResult | typeof nothing {
    const d = this.data;
    switch (this.tab) {
      case 'content':
        return d.content ? this.#content(d.content) : this.#loadingText();
      case 'people':
        return d.people && d.invitations ? this.#people(d.people, d.invitations) : this.#loadingText();
      case 'branding':
        return d.branding ? this.#branding(d.branding) : this.#loadingText();
      case 'activity':
        return d.activity ? this.#activity(d.activity) : this.#loadingText();
      case 'audit':
        return d.audit ? this.#audit(d.audit) : this.#loadingText();
    }
  }

  #loadingText() {
    return html`<p role="status">${msg('Loading…')}</p>`;
  }

  // ── Content (R2) ────────────────────────────────────────────────────────────────────────

  #content(tree: ContentTree) {
    const draft = this.contentDraft;
    const changed = Object.keys(draft.sections).length + Object.keys(draft.pages).length;
    const sectionShare = (id: string, share: Access | null) =>
      id in draft.sections ? draft.sections[id]! : share;
    const pageShare = (id: string, share: PageShare) => (id in draft.pages ? draft.pages[id]! : share);
    // What an external user of the previewed role gets: a table of a model the role cannot view,
    // or files without file access, is not there for them (R3, R6).
    const role = this.data.roles?.roles.find((r) => r.id === this.previewRole);
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
        ?disabled=${this.#readOnly}
        @change=${(e: Event) => this.#draftSection(id, (e.target as HTMLSelectElement).value)}
      >
        ${option('', value === null, msg('Not shared'))} ${option('view', value === 'view', msg('View'))}
        ${option('edit', value === 'edit', msg('Edit'))}
      </select>`;
    const pageSelect = (id: string, title: string, value: PageShare, inSection: boolean) =>
      html`<select
        aria-label=${msg(str`Share of page ${title}`)}
        ?disabled=${this.#readOnly}
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
            ${this.data.roles?.roles.map((r) => option(r.id, r.id === this.previewRole, msg(str`Role ${r.name}`)))}
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
        this.#readOnly
          ? nothing
          : html`<div class="bar">
              <button class="primary" ?disabled=${changed === 0} @click=${this.#saveContent}>
                ${msg(str`Save changes (${changed})`)}
              </button>
              <button
                ?disabled=${changed === 0}
                @click=${() => (this.contentDraft = { sections: {}, pages: {} })}
              >
                ${msg('Discard')}
              </button>
            </div>`
      }`;
  }

  #draftSection(id: string, value: string) {
    const sections = { ...this.contentDraft.sections, [id]: value === '' ? null : (value as Access) };
    this.contentDraft = { ...this.contentDraft, sections };
  }

  #draftPage(id: string, value: string) {
    const pages = { ...this.contentDraft.pages, [id]: value === '' ? null : (value as PageShare) };
    this.contentDraft = { ...this.contentDraft, pages };
  }

  async #saveContent() {
    const change = this.contentDraft;
    await this.#write('content', msg('Sharing saved. Customers see it from their next click.'), async () => {
      const content = await this.#api.value!.call(manageContentSave, { body: change });
      // The stored tree and no draft in one update: no control ever shows the state before the save.
      this.data = { ...this.data, content };
      this.contentDraft = { sections: {}, pages: {} };
    });
  }

  // ── People (R1, R16, R17) ───────────────────────────────────────────────────────────────

  #people(people: PortalPeople, invitations: Invitations) {
    const roleName = (id: string) => people.roles.find((r) => r.id === id)?.name ?? id;
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' });
    const api = this.#api.value!;
    const patch = (contactId: string, change: object, done: string) =>
      this.#write('people', done, () =>
        api.call(managePeopleUpdate, { params: { contactId }, body: change }),
      );
    return html`<div class="scroll cards">
        <table role="table">
          <caption class="sr-only">
            ${msg('Portal users')}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">${msg('Person')}</th>
              <th role="columnheader" scope="col">${msg('Role')}</th>
              <th role="columnheader" scope="col">${msg('Active')}</th>
              <th role="columnheader" scope="col">${msg('Admin')}</th>
              <th role="columnheader" scope="col">${msg('Last seen')}</th>
              <th role="columnheader" scope="col"><span class="sr-only">${msg('Actions')}</span></th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${people.users.map(
              (u) =>
                html`<tr role="row">
                  <td role="cell">
                    ${u.name}<br /><span class="muted">${u.email ?? msg('No email')}</span>
                    ${u.emailClash ? html`<br /><span class="warn">${msg('Same email as another active user: neither can sign in. Deactivate one or change an email.')}</span>` : nothing}
                  </td>
                  <td role="cell" data-label=${msg('Role')}>
                    <select
                      aria-label=${msg(str`Role of ${u.name}`)}
                      ?disabled=${this.#readOnly}
                      @change=${(e: Event) =>
                        patch(
                          u.contactId,
                          { roleId: (e.target as HTMLSelectElement).value },
                          msg(
                            str`${u.name} now has the role ${roleName((e.target as HTMLSelectElement).value)}.`,
                          ),
                        )}
                    >
                      ${people.roles.map((r) => option(r.id, r.id === u.roleId, r.name))}
                    </select>
                  </td>
                  <td role="cell" data-label=${msg('Active')}>
                    <input
                      type="checkbox"
                      aria-label=${msg(str`${u.name} is active`)}
                      .checked=${live(u.active)}
                      ?disabled=${this.#readOnly}
                      @change=${(e: Event) =>
                        patch(
                          u.contactId,
                          { active: (e.target as HTMLInputElement).checked },
                          (e.target as HTMLInputElement).checked
                            ? msg(str`${u.name} is active.`)
                            : msg(str`${u.name} is inactive.`),
                        )}
                    />
                  </td>
                  <td role="cell" data-label=${msg('Admin')}>
                    <input
                      type="checkbox"
                      aria-label=${msg(str`${u.name} is an Admin`)}
                      .checked=${live(u.admin)}
                      ?disabled=${this.#readOnly}
                      @change=${(e: Event) =>
                        patch(u.contactId, { admin: (e.target as HTMLInputElement).checked }, msg('Saved.'))}
                    />
                  </td>
                  <td role="cell" class="nowrap" data-label=${msg('Last seen')}>
                    ${u.lastSeen ? date.format(new Date(u.lastSeen)) : '—'}
                  </td>
                  <td role="cell">
                    <div class="bar">
                      <button
                        ?disabled=${!u.active || u.emailClash}
                        @click=${() => this.#viewAs(u.contactId)}
                      >
                        ${msg('View as')}<span class="sr-only"> ${u.name}</span>
                      </button>
                      ${this.#readOnly ? nothing : html`<button @click=${() => this.#confirmRemove(u.contactId, u.name)}>${msg('Remove')}<span class="sr-only"> ${u.name}</span></button>`}
                    </div>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        this.#readOnly
          ? nothing
          : html`<form class="bar" @submit=${(e: SubmitEvent) => this.#addUser(e)}>
              <label
                >${msg('Contact to add')}
                <select
                  .value=${this.addContact}
                  @change=${(e: Event) => (this.addContact = (e.target as HTMLSelectElement).value)}
                >
                  <option value="">
                    ${people.candidates.length ? msg('Choose a contact…') : msg('Every contact is a user')}
                  </option>
                  ${people.candidates.map((c) => html`<option value=${c.id}>${c.name}${c.email ? ` · ${c.email}` : ''}</option>`)}
                </select>
              </label>
              <label
                >${msg('Role of the new user')}
                <select
                  .value=${this.addRole}
                  @change=${(e: Event) => (this.addRole = (e.target as HTMLSelectElement).value)}
                >
                  ${people.roles.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
                </select>
              </label>
              <button class="primary" type="submit" ?disabled=${!this.addContact}>${msg('Add user')}</button>
            </form>`
      }
      ${this.#audienceForm(people)} ${this.#invitations(invitations)}
      <pk-confirm
        class="remove"
        heading=${msg(str`Remove ${this.removing?.name ?? ''} from this portal?`)}
        body=${msg('They can no longer sign in to it. Their contact stays in the company.')}
        confirm-label=${msg('Remove')}
        cancel-label=${msg('Cancel')}
      ></pk-confirm>`;
  }

  async #addUser(event: SubmitEvent) {
    event.preventDefault();
    const contactId = this.addContact;
    await this.#write('people', msg('User added.'), async () => {
      await this.#api.value!.call(managePeopleAdd, { body: { contactId, roleId: this.addRole } });
      this.addContact = '';
    });
  }

  async #confirmRemove(contactId: string, name: string) {
    this.removing = { contactId, name };
    await this.updateComplete;
    if (await this.removeConfirm?.ask()) await this.#removeUser({ contactId, name });
  }

  async #removeUser(removing: { contactId: string; name: string }) {
    await this.#write('people', msg(str`${removing.name} was removed from the portal.`), () =>
      this.#api.value!.call(managePeopleRemove, { params: { contactId: removing.contactId } }),
    );
  }

  async #viewAs(contactId: string) {
    try {
      await this.#api.value!.viewAs(contactId);
    } catch (error) {
      this.#fail(error);
    }
  }

  #audienceForm(people: PortalPeople) {
    const audience = this.audience ?? people.audience;
    const contacts = [
      ...people.users.map((u) => ({ id: u.contactId, name: u.name, email: u.email })),
      ...people.candidates,
    ];
    const set = (kind: 'all' | 'featured' | 'selected') => (this.audience = { ...audience, kind });
    return html`<fieldset>
      <legend>${msg('Who may sign in')}</legend>
      ${(['all', 'featured', 'selected'] as const).map(
        (kind) =>
          html`<label
            ><input
              type="radio"
              name="audience"
              .checked=${audience.kind === kind}
              ?disabled=${this.#readOnly}
              @change=${() => set(kind)}
            />
            ${{ all: msg('All portal users'), featured: msg('Featured contacts'), selected: msg('Selected contacts') }[kind]}</label
          >`,
      )}
      ${
        audience.kind === 'selected'
          ? html`<p class="muted">
                ${msg(str`${audience.contactIds.length} selected`)}
                ${this.#readOnly ? nothing : html`<button type="button" @click=${() => this.audiencePicker?.show()}>${msg('Choose contacts…')}</button>`}
              </p>
              <pk-picker
                class="audience"
                heading=${msg('Contacts who may sign in')}
                confirm-label=${msg('Use these')}
                empty-text=${msg('This company has no contacts.')}
                .columns=${[msg('Name'), msg('Email')]}
                .items=${contacts.map((c) => ({ id: c.id, cells: [c.name, c.email ?? ''] }))}
                @pk-picker-confirm=${(e: CustomEvent<{ ids: string[] }>) =>
                  (this.audience = { kind: 'selected', contactIds: e.detail.ids })}
              ></pk-picker>`
          : nothing
      }
      ${
        this.#readOnly
          ? nothing
          : html`<div class="bar">
              <button
                class="primary"
                @click=${() =>
                  this.#write('people', msg('Audience saved.'), () =>
                    this.#api.value!.call(manageAudienceSave, { body: audience }),
                  )}
              >
                ${msg('Save audience')}
              </button>
            </div>`
      }
    </fieldset>`;
  }

  #invitations(invitations: Invitations) {
    const invited = this.invited ?? new Set();
    const relation = (r: Invitations['people'][number]['relation']) =>
      ({
        owner: msg('Owner'),
        'co-owner': msg('Co-owner'),
        follower: msg('Follower'),
        collaborator: msg('Collaborator'),
        invited: msg('Invited'),
      })[r];
    return html`<fieldset>
      <legend>${msg('Your team in this portal')}</legend>
      ${invitations.people.length === 0 ? html`<p class="muted">${msg('No one is related to this account yet.')}</p>` : nothing}
      ${invitations.people.map(
        (p) =>
          html`<label
            ><input
              type="checkbox"
              .checked=${invited.has(p.id)}
              ?disabled=${this.#readOnly}
              @change=${(e: Event) => {
                const next = new Set(invited);
                if ((e.target as HTMLInputElement).checked) next.add(p.id);
                else next.delete(p.id);
                this.invited = next;
              }}
            />
            ${p.name} <span class="muted">(${relation(p.relation)})</span></label
          >`,
      )}
      ${
        this.#readOnly || invitations.people.length === 0
          ? nothing
          : html`<div class="bar">
              <button
                class="primary"
                @click=${() =>
                  this.#write('people', msg('Invitations saved.'), () =>
                    this.#api.value!.call(manageInvitationsSave, { body: { ids: [...invited] } }),
                  )}
              >
                ${msg('Save invitations')}
              </button>
            </div>`
      }
    </fieldset>`;
  }

  // ── Branding (R14) ──────────────────────────────────────────────────────────────────────

  #branding(b: PortalBranding) {
    const draft = this.brandDraft;
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
            ?disabled=${this.#readOnly}
            @input=${(e: Event) => (this.brandDraft = { ...this.brandDraft, [key]: (e.target as HTMLInputElement).value })}
          />
          ${
            override(key) && !this.#readOnly
              ? html`<button
                  type="button"
                  @click=${() => (this.brandDraft = { ...this.brandDraft, [key]: null })}
                >
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
              ?disabled=${this.#readOnly}
              @change=${(e: Event) => (this.brandDraft = { ...this.brandDraft, templateId: (e.target as HTMLSelectElement).value })}
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
        this.#readOnly
          ? nothing
          : html`<div class="bar">
              <button class="primary" ?disabled=${!changed || ratio < 4.5} @click=${this.#saveBranding}>
                ${msg('Save colours')}
              </button>
              <button ?disabled=${!changed} @click=${() => (this.brandDraft = {})}>${msg('Discard')}</button>
            </div>`
      }`;
  }

  async #saveBranding() {
    const { templateId, ...colours } = this.brandDraft;
    await this.#write(
      'branding',
      msg('Colours saved. Customers see them when they next open the portal.'),
      () =>
        this.#api.value!.call(manageBrandingSave, {
          body: { ...(templateId ? { templateId } : {}), overrides: colours },
        }),
    );
  }

  // ── Activity (R15) and audit trail (R23) ────────────────────────────────────────────────

  #activity(a: PortalActivity) {
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
                    ${this.#changes(e.changes)}
                  </li>`,
              )}
            </ul>`
      }`;
  }

  /** What an action changed, one change a line (a record's fields only those the reader may see). */
  #changes(changes: readonly ReadableChange[] | undefined) {
    return changes?.length
      ? html`<ul class="changes">
          ${changes.map((c) => html`<li>${changeWords(c, this.locale)}</li>`)}
        </ul>`
      : nothing;
  }

  #audit(items: readonly AuditItem[]) {
    const time = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const actors = new Map<string, string>();
    for (const e of this.data.audit ?? []) actors.set(e.actor.id, e.actor.name);
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
              void this.#load('audit');
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
              void this.#load('audit');
            }}
          >
            ${kinds.map(([v, label]) => option(v, this.auditFilter.action === v, label))}
          </select>
        </label>
      </div>
      ${
        items.length === 0
          ? html`<p class="muted">${msg('Nothing recorded yet.')}</p>`
          : html`<ul class="plain" aria-label=${msg('Audit trail')}>
              ${items.map(
                (e) =>
                  html`<li>
                    <strong>${e.actor.name}</strong
                    >${e.onBehalfOf ? html` ${msg(str`as ${e.onBehalfOf.name}`)}` : nothing}
                    ${actionWords(e.action, e.object, e.readable)}
                    <span class="muted when">· ${time.format(new Date(e.at))}</span>
                    ${this.#changes(e.readable)}
                    ${e.note ? html`<br /><span class="muted">${e.note}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
      }`;
  }
}
