import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import type { ExternalRoleList } from '../../contract/manage.js';
import {
  manageRoles,
  manageRolesCreate,
  manageRolesRemove,
  manageRolesUpdate,
} from '../../contract/routes/manage.js';
import { apiContext } from '../../context/portal-context.js';
import { NoticeController } from '../../controllers/notices.js';
import { noticeStyles } from '../../internal/notice.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { plural } from '../../internal/plural.js';
import { partStyles } from '../../styles/part.js';
import { tableStyles } from '../../styles/table.js';
import type { PkConfirm } from '../confirm/confirm.js';

type Role = ExternalRoleList['roles'][number];
type Grant = Role['models'][string];
const ACTIONS = ['create', 'view', 'update', 'remove', 'export'] as const;
const EMPTY: Grant = { create: false, view: false, update: false, remove: false, export: false, fields: {} };

/**
 * R21: the tenant's external roles as a matrix — per model Create / View / Update / Remove /
 * Export, per field View / Update, and workflow permissions. Portal Super Admins create, clone,
 * rename, edit and remove roles (a role held by portal users is not removed); other staff read.
 *
 * @tag pk-external-roles
 * @fires pk-role-change - A role was created, changed or removed ({ id, action }).
 * @fires pk-error - Loading or saving failed.
 */
export class PkExternalRoles extends LitElement {
  static override styles = [
    ...partStyles,
    tableStyles,
    noticeStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: end;
        margin-bottom: var(--_space);
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.85rem;
      }
      .flags label,
      td label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
      }
      .flags {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 2);
        margin: var(--_space) 0;
      }
      th,
      td {
        text-align: center;
      }
      th:first-child,
      td:first-child {
        text-align: start;
      }
      tr.field td:first-child {
        padding-inline-start: 28px;
        color: var(--_fg-muted);
      }
      .muted {
        color: var(--_fg-muted);
        font-size: 0.85rem;
      }
      .error {
        color: var(--_danger);
      }
      .note {
        padding: var(--_space) calc(var(--_space) * 1.5);
        background: var(--_bg-sunken);
        border-radius: var(--_radius);
      }
    `,
  ];

  /** Locale for counted messages. */
  @property() locale = 'en';

  @state() private selected = '';
  @state() private draft?: Role;
  @state() private expanded = new Set<string>();
  /** What was saved, or why it was not. */
  readonly #notices = new NoticeController(this);
  @state() private newName = '';

  @query('pk-confirm.remove') private removeConfirm?: PkConfirm;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #roles = new Task(this, {
    args: () => [this.#api.value] as const,
    task: async ([api], { signal }) => (api ? api.call(manageRoles, { signal }) : undefined),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return this.#roles.render({
      initial: () => html`<p role="status" aria-busy="true">${msg('Loading roles…')}</p>`,
      pending: () =>
        this.#roles.value
          ? this.#view(this.#roles.value)
          : html`<p role="status" aria-busy="true">${msg('Loading roles…')}</p>`,
      error: (e) =>
        html`<div class="error" role="alert">
          <p>${e instanceof PortalApiError ? messageFor(e.code) : msg('The roles could not be loaded.')}</p>
          <button @click=${() => this.#roles.run()}>${msg('Try again')}</button>
        </div>`,
      complete: (list) => (list ? this.#view(list) : nothing),
    });
  }

  #view(list: ExternalRoleList) {
    const role = list.roles.find((r) => r.id === this.selected) ?? list.roles[0];
    const draft = this.draft && this.draft.id === role?.id ? this.draft : role;
    const dirty = !!this.draft && role && JSON.stringify(this.draft) !== JSON.stringify(role);
    const readOnly = !list.canEdit;
    return html`${readOnly ? html`<p class="note">${msg('Only Portal Super Admins change external roles. You can see them.')}</p>` : nothing}
      ${this.#notices.render()}
      <div class="bar">
        <label
          >${msg('Role')}
          <select @change=${(e: Event) => this.#choose((e.target as HTMLSelectElement).value)}>
            ${list.roles.map((r) => html`<option value=${r.id} ?selected=${r.id === role?.id}>${r.name}</option>`)}
          </select>
        </label>
        ${
          readOnly
            ? nothing
            : html`<form class="bar" @submit=${this.#create}>
                <label
                  >${msg('New role')}
                  <input
                    .value=${this.newName}
                    @input=${(e: Event) => (this.newName = (e.target as HTMLInputElement).value)}
                  />
                </label>
                <button type="submit" ?disabled=${!this.newName.trim()}>${msg('Create')}</button>
                ${role ? html`<button type="button" ?disabled=${!this.newName.trim()} @click=${() => this.#create(undefined, role.id)}>${msg(str`Clone ${role.name}`)}</button>` : nothing}
              </form>`
        }
      </div>
      ${draft ? this.#matrix(list, draft, readOnly, !!dirty) : html`<p class="muted">${msg('No external roles yet.')}</p>`}`;
  }

  #matrix(list: ExternalRoleList, role: Role, readOnly: boolean, dirty: boolean) {
    const holders = plural(this.locale, role.holders, {
      one: msg(str`Held by ${role.holders} portal user.`),
      other: msg(str`Held by ${role.holders} portal users.`),
    });
    const grant = (model: string): Grant => role.models[model] ?? EMPTY;
    const box = (label: string, checked: boolean, change: (on: boolean) => void) =>
      html`<input
        type="checkbox"
        aria-label=${label}
        .checked=${checked}
        ?disabled=${readOnly}
        @change=${(e: Event) => change((e.target as HTMLInputElement).checked)}
      />`;
    const actionLabel = (a: (typeof ACTIONS)[number]) =>
      ({
        create: msg('Create'),
        view: msg('View'),
        update: msg('Update'),
        remove: msg('Remove'),
        export: msg('Export'),
      })[a];
    return html`<p class="muted" role="status">
        ${holders} ${msg('A change applies to their open sessions from their next click.')}
      </p>
      ${
        readOnly
          ? nothing
          : html`<label
              >${msg('Name')}
              <input
                .value=${role.name}
                @input=${(e: Event) => this.#edit({ ...role, name: (e.target as HTMLInputElement).value })}
              />
            </label>`
      }
      <div class="flags" role="group" aria-label=${msg('Workflow permissions')}>
        <label
          >${box(msg('File Download / Upload Access'), role.fileAccess, (on) => this.#edit({ ...role, fileAccess: on }))}
          ${msg('File Download / Upload Access')}</label
        >
        <label
          >${box(msg('Update any task'), role.taskUpdate, (on) => this.#edit({ ...role, taskUpdate: on }))}
          ${msg('Update any task')}</label
        >
        <label
          >${box(msg('Comment'), role.comment, (on) => this.#edit({ ...role, comment: on }))}
          ${msg('Comment')}</label
        >
      </div>
      <div class="scroll">
        <table>
          <caption class="sr-only">
            ${msg(str`Permissions of ${role.name}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Model or field')}</th>
              ${ACTIONS.map((a) => html`<th scope="col">${actionLabel(a)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${list.models.map((model) => {
              const g = grant(model.name);
              const open = this.expanded.has(model.name);
              const setModel = (a: (typeof ACTIONS)[number], on: boolean) =>
                this.#edit({ ...role, models: { ...role.models, [model.name]: { ...g, [a]: on } } });
              const setField = (field: string, key: 'view' | 'update', on: boolean) => {
                const current = g.fields[field] ?? { view: g.view, update: g.update };
                const fields = { ...g.fields, [field]: { ...current, [key]: on } };
                this.#edit({ ...role, models: { ...role.models, [model.name]: { ...g, fields } } });
              };
              return html`<tr>
                  <td>
                    <button
                      aria-expanded=${open ? 'true' : 'false'}
                      @click=${() => {
                        const next = new Set(this.expanded);
                        if (!next.delete(model.name)) next.add(model.name);
                        this.expanded = next;
                      }}
                    >
                      ${open ? '▾' : '▸'} ${model.name}
                    </button>
                  </td>
                  ${ACTIONS.map((a) => html`<td>${box(msg(str`${model.name}: ${actionLabel(a)}`), g[a], (on) => setModel(a, on))}</td>`)}
                </tr>
                ${
                  open
                    ? model.fields.map((field) => {
                        const fg = g.fields[field.name] ?? { view: g.view, update: g.update };
                        return html`<tr class="field">
                          <td>${field.label}</td>
                          <td></td>
                          <td>
                            ${box(msg(str`${field.label}: ${msg('View')}`), fg.view, (on) => setField(field.name, 'view', on))}
                          </td>
                          <td>
                            ${box(msg(str`${field.label}: ${msg('Update')}`), fg.update, (on) => setField(field.name, 'update', on))}
                          </td>
                          <td></td>
                          <td></td>
                        </tr>`;
                      })
                    : nothing
                }`;
            })}
          </tbody>
        </table>
      </div>
      ${
        readOnly
          ? nothing
          : html`<div class="bar">
                <button class="primary" ?disabled=${!dirty} @click=${this.#save}>${msg('Save role')}</button>
                <button ?disabled=${!dirty} @click=${() => (this.draft = undefined)}>
                  ${msg('Discard')}
                </button>
                <button ?disabled=${role.holders > 0} @click=${() => this.#remove(role)}>
                  ${msg('Remove role…')}
                </button>
                ${role.holders > 0 ? html`<span class="muted">${msg('Move its users to another role before removing it.')}</span>` : nothing}
              </div>
              <pk-confirm
                class="remove"
                heading=${msg(str`Remove the role ${role.name}?`)}
                confirm-label=${msg('Remove')}
                cancel-label=${msg('Cancel')}
              ></pk-confirm>`
      }`;
  }

  #choose(id: string) {
    this.selected = id;
    this.draft = undefined;
    this.#notices.clear();
  }

  #edit(role: Role) {
    this.draft = role;
  }

  async #run(done: string, action: () => Promise<{ id: string } | undefined>, what: string) {
    this.#notices.clear();
    try {
      const result = await action();
      this.#notices.info(done);
      if (result) emit(this, 'pk-role-change', { id: result.id, action: what });
      this.draft = undefined;
      await this.#roles.run();
    } catch (error) {
      this.#notices.fail(error);
    }
  }

  async #save() {
    const { id, holders: _holders, ...role } = this.draft!;
    await this.#run(
      msg('Role saved.'),
      () => this.#api.value!.call(manageRolesUpdate, { params: { roleId: id }, body: role }),
      'update',
    );
  }

  async #create(event?: SubmitEvent, cloneOf?: string) {
    event?.preventDefault();
    const name = this.newName.trim();
    await this.#run(
      msg(str`Role ${name} created.`),
      async () => {
        const created = await this.#api.value!.call(manageRolesCreate, {
          body: { name, ...(cloneOf ? { cloneOf } : {}) },
        });
        this.newName = '';
        this.selected = created.id;
        return created;
      },
      cloneOf ? 'clone' : 'create',
    );
  }

  async #remove(role: Role) {
    if (!(await this.removeConfirm?.ask())) return;
    await this.#run(
      msg(str`Role ${role.name} removed.`),
      async () => {
        await this.#api.value!.call(manageRolesRemove, { params: { roleId: role.id } });
        this.selected = '';
        return { id: role.id };
      },
      'remove',
    );
  }
}
