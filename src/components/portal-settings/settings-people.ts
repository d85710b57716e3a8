import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { PortalApiClient } from '../../api/client.js';
import type { Invitations, PortalPeople } from '../../contract/manage.js';
import {
  manageAudienceSave,
  manageInvitations,
  manageInvitationsSave,
  managePeople,
  managePeopleAdd,
  managePeopleRemove,
  managePeopleUpdate,
} from '../../contract/routes/manage.js';
import type { PkConfirm } from '../confirm/confirm.js';
import type { PkPicker } from '../picker/picker.js';
import { PkSettingsTab, option } from './settings-tab.js';

type Loaded = { people: PortalPeople; invitations: Invitations };

/**
 * The People tab of <pk-portal-settings> (R1, R16, R17): the portal's users and their roles, who
 * may sign in, the vendor's team in the portal; view the portal as one of its users (R12, R22).
 *
 * @tag pk-settings-people
 * @fires pk-settings-change - A user, the audience or the invitations were saved ({ area: 'people' }).
 * @fires pk-error - Loading or saving failed.
 */
export class PkSettingsPeople extends PkSettingsTab<Loaded> {
  @state() private addContact = '';
  @state() private addRole = '';
  @state() private audience?: { kind: 'all' | 'featured' | 'selected'; contactIds: string[] };
  @state() private invited?: Set<string>;
  @state() private removing?: { contactId: string; name: string };

  @query('pk-picker.audience') private audiencePicker?: PkPicker;
  @query('pk-confirm.remove') private removeConfirm?: PkConfirm;

  protected override async load(api: PortalApiClient, signal: AbortSignal) {
    const [people, invitations] = await Promise.all([
      api.call(managePeople, { signal }),
      api.call(manageInvitations, { signal }),
    ]);
    this.audience = { kind: people.audience.kind, contactIds: [...people.audience.contactIds] };
    this.invited = new Set(invitations.people.filter((p) => p.invited).map((p) => p.id));
    this.addRole ||= people.roles[0]?.id ?? '';
    return { people, invitations };
  }

  protected override show({ people, invitations }: Loaded) {
    const roleName = (id: string) => people.roles.find((r) => r.id === id)?.name ?? id;
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' });
    const api = this.api;
    const patch = (contactId: string, change: object, done: string) =>
      this.write('people', done, () => api.call(managePeopleUpdate, { params: { contactId }, body: change }));
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
                      ?disabled=${this.readOnly}
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
                      ?disabled=${this.readOnly}
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
                      ?disabled=${this.readOnly}
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
                      ${this.readOnly ? nothing : html`<button @click=${() => this.#confirmRemove(u.contactId, u.name)}>${msg('Remove')}<span class="sr-only"> ${u.name}</span></button>`}
                    </div>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        this.readOnly
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
    await this.write('people', msg('User added.'), async () => {
      await this.api.call(managePeopleAdd, { body: { contactId, roleId: this.addRole } });
      this.addContact = '';
    });
  }

  async #confirmRemove(contactId: string, name: string) {
    this.removing = { contactId, name };
    await this.updateComplete;
    if (await this.removeConfirm?.ask()) await this.#removeUser({ contactId, name });
  }

  async #removeUser(removing: { contactId: string; name: string }) {
    await this.write('people', msg(str`${removing.name} was removed from the portal.`), () =>
      this.api.call(managePeopleRemove, { params: { contactId: removing.contactId } }),
    );
  }

  async #viewAs(contactId: string) {
    try {
      await this.api.viewAs(contactId);
    } catch (error) {
      this.fail(error);
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
              ?disabled=${this.readOnly}
              @change=${() => set(kind)}
            />
            ${{ all: msg('All portal users'), featured: msg('Featured contacts'), selected: msg('Selected contacts') }[kind]}</label
          >`,
      )}
      ${
        audience.kind === 'selected'
          ? html`<p class="muted">
                ${msg(str`${audience.contactIds.length} selected`)}
                ${this.readOnly ? nothing : html`<button type="button" @click=${() => this.audiencePicker?.show()}>${msg('Choose contacts…')}</button>`}
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
        this.readOnly
          ? nothing
          : html`<div class="bar">
              <button
                class="primary"
                @click=${() =>
                  this.write('people', msg('Audience saved.'), () =>
                    this.api.call(manageAudienceSave, { body: audience }),
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
              ?disabled=${this.readOnly}
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
        this.readOnly || invitations.people.length === 0
          ? nothing
          : html`<div class="bar">
              <button
                class="primary"
                @click=${() =>
                  this.write('people', msg('Invitations saved.'), () =>
                    this.api.call(manageInvitationsSave, { body: { ids: [...invited] } }),
                  )}
              >
                ${msg('Save invitations')}
              </button>
            </div>`
      }
    </fieldset>`;
  }
}
