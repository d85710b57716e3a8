import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PortalApiError } from '../../api/errors.js';
import { peopleMentionable, tasksList, tasksManage, tasksSetStatus } from '../../contract/routes/tasks.js';
import type { PortalTask, TaskList } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { partPage } from '../../internal/through-page.js';
import { formatValue } from '../../internal/format.js';
import { emit } from '../../internal/emit.js';
import { reportFailure } from '../../internal/failures.js';
import { messageFor } from '../../internal/messages.js';
import { noticeTemplate } from '../../internal/notice.js';
import { styles } from './task-list.styles.js';

type Show = 'open' | 'done' | 'all';
/** A change the server has not confirmed yet: shown at once, rolled back if refused. */
interface PendingStatus {
  status: 'open' | 'done';
  /** `offline`: the request failed for network reasons; the change is kept and retried. */
  state: 'saving' | 'offline';
  attempt: number;
}

const RETRY_MS = [1000, 3000, 10_000, 30_000];
/** How long "Task completed" and its Undo stay once the person is no longer in them. */
const LEFT_NOTICE_MS = 8000;

/** A task that just left the filtered list (completed under Open), shown in its workflow with Undo. */
interface LeftFilter {
  taskId: string;
  groupId: string;
  text: string;
  undoStatus: 'open' | 'done';
}

/**
 * Workflows (playbooks) and ad-hoc tasks shared to the portal, grouped by phase (R7).
 *
 * @tag pk-task-list
 * @csspart workflow - One workflow with its progress and tasks.
 * @csspart task - One task row.
 * @fires pk-task-complete - A task was completed or re-opened.
 * @fires pk-task-share - Vendor staff shared or unshared a task.
 * @fires pk-task-assign - Vendor staff assigned a task.
 * @fires pk-error - Loading or saving failed.
 */
export class PkTaskList extends LitElement {
  static override styles = styles;

  /** Only this workflow (default: every workflow shared to the portal, and ad-hoc tasks). */
  @property() workflow = '';

  /** Id of the tasks page this list is shown on (default: the portal's first tasks page). */
  @property() page = '';

  /** Locale for dates. */
  @property() locale = 'en';

  @state() private mineOnly = false;
  @state() private show: Show = 'open';
  @state() private dueDescending = false;
  @state() private expanded = new Set<string>();
  /** Server-confirmed versions of tasks changed since the list was loaded. */
  @state() private saved = new Map<string, PortalTask>();
  @state() private pending = new Map<string, PendingStatus>();
  @state() private notices = new Map<string, string>();
  /** An owner picked but not yet assigned, per task. */
  @state() private assignDrafts = new Map<string, string>();
  @state() private leftFilter?: LeftFilter;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #leftFilterTimer?: ReturnType<typeof setTimeout>;

  readonly #tasks = new Task(this, {
    args: () => [this.#api.value] as const,
    task: async ([api], { signal }) => {
      if (!api) return undefined;
      const [tasks, people] = await Promise.all([
        api.call(tasksList, { signal }),
        this.#manages ? api.call(peopleMentionable, { signal }) : Promise.resolve({ items: [] }),
      ]);
      this.saved = new Map();
      return { tasks, people: people.items };
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    clearTimeout(this.#leftFilterTimer);
  }

  get #isStaff() {
    return this.#session.value?.user.kind === 'internal';
  }

  /** R20: staff who may change sharing and owners; others who may open the portal see them only. */
  get #manages() {
    return !!this.#session.value?.can.manage;
  }

  /** The page writes are made through (R2): its access decides whether anything can be changed. */
  get #page() {
    return partPage(this.#session.value, this.page, 'tasks');
  }

  get #impersonating() {
    return !!this.#session.value && !this.#session.value.can.write;
  }

  get #readOnly() {
    return this.#impersonating || (!!this.#session.value && this.#page?.access !== 'edit');
  }

  override render() {
    return this.#tasks.render({
      initial: () => this.#skeleton(),
      pending: () => this.#skeleton(),
      error: (error) =>
        html`<div class="error" role="alert">
          <p>
            ${error instanceof PortalApiError ? messageFor(error.code) : msg('The tasks could not be loaded.')}
          </p>
          <button @click=${() => this.#tasks.run()}>${msg('Try again')}</button>
        </div>`,
      complete: (value) => (value ? this.#list(value.tasks, value.people) : this.#skeleton()),
    });
  }

  #skeleton() {
    return html`<div role="status" aria-busy="true">
      <span class="sr-only">${msg('Loading tasks…')}</span>
      <div class="skeleton"></div>
      <div class="skeleton"></div>
      <div class="skeleton"></div>
    </div>`;
  }

  /** The task as shown: server answer, then any change not confirmed yet. */
  #current(task: PortalTask): PortalTask {
    const saved = this.saved.get(task.id) ?? task;
    const pending = this.pending.get(task.id);
    return pending ? { ...saved, status: pending.status } : saved;
  }

  #visible(tasks: readonly PortalTask[]): PortalTask[] {
    const me = this.#session.value?.user;
    const sign = this.dueDescending ? -1 : 1;
    return (
      tasks
        .map((t) => this.#current(t))
        // A change waiting for the network stays in sight with its Retry, whatever the filter.
        .filter(
          (t) => this.show === 'all' || t.status === this.show || this.pending.get(t.id)?.state === 'offline',
        )
        .filter((t) => !this.mineOnly || (t.owner?.id === me?.id && t.owner?.kind === me?.kind))
        .sort((a, b) =>
          a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -sign : sign,
        )
    );
  }

  #list(data: TaskList, people: readonly { kind: 'internal' | 'external'; id: string; name: string }[]) {
    const workflows = this.workflow ? data.workflows.filter((w) => w.id === this.workflow) : data.workflows;
    const groups = [
      ...workflows.map((w) => ({ id: w.id, name: w.name, tasks: w.tasks })),
      ...(!this.workflow && data.adHoc.length
        ? [{ id: 'ad-hoc', name: msg('Other tasks'), tasks: data.adHoc }]
        : []),
    ];
    const user = this.#session.value?.user;
    return html`${
      this.#readOnly
        ? html`<p class="readonly" id="readonly-note">
            ${
              this.#impersonating
                ? msg(
                    str`Read-only while viewing as ${user?.name ?? ''}: tasks can't be completed or discussed.`,
                  )
                : msg('These tasks are shared with you to view only.')
            }
          </p>`
        : nothing
    }
    ${this.#toolbar()}
    ${groups.length === 0 ? html`<p class="empty">${msg('No tasks have been shared with you yet.')}</p>` : nothing}
    ${groups.map((group) => this.#workflow(group, people))}`;
  }

  #toolbar() {
    const toggle = (label: string, pressed: boolean, onClick: () => void) =>
      html`<button aria-pressed=${pressed ? 'true' : 'false'} @click=${onClick}>${label}</button>`;
    return html`<div class="toolbar">
      <fieldset>
        <legend>${msg('Show')}</legend>
        ${toggle(msg('Open'), this.show === 'open', () => (this.show = 'open'))}
        ${toggle(msg('Done'), this.show === 'done', () => (this.show = 'done'))}
        ${toggle(msg('All'), this.show === 'all', () => (this.show = 'all'))}
      </fieldset>
      <fieldset>
        <legend>${msg('Owner')}</legend>
        ${toggle(msg('Everyone'), !this.mineOnly, () => (this.mineOnly = false))}
        ${toggle(msg('Mine'), this.mineOnly, () => (this.mineOnly = true))}
      </fieldset>
      <button @click=${() => (this.dueDescending = !this.dueDescending)}>
        ${this.dueDescending ? msg('Due date: latest first') : msg('Due date: soonest first')}
      </button>
    </div>`;
  }

  #workflow(
    group: { id: string; name: string; tasks: readonly PortalTask[] },
    people: readonly { kind: 'internal' | 'external'; id: string; name: string }[],
  ) {
    const all = group.tasks.map((t) => this.#current(t));
    const done = all.filter((t) => t.status === 'done').length;
    const tasks = this.#visible(group.tasks);
    const phases = [...new Set(tasks.map((t) => t.phase))];
    const headingId = `wf-${group.id}`;
    return html`<section part="workflow" class="workflow" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${group.name}</h3>
      <div class="progress">
        <progress max=${all.length} .value=${done} aria-labelledby=${headingId}></progress>
        <span>${msg(str`${done} of ${all.length} done`)}</span>
      </div>
      ${this.leftFilter?.groupId === group.id ? this.#leftFilterNotice(this.leftFilter) : nothing}
      ${tasks.length === 0 ? html`<p class="empty">${msg('No tasks match these filters.')}</p>` : nothing}
      ${phases.map(
        (phase) =>
          html`<h4>${phase}</h4>
            <ul>
              ${tasks.filter((t) => t.phase === phase).map((t) => this.#task(t, group.id, people))}
            </ul>`,
      )}
    </section>`;
  }

  /** Stays while the pointer or focus is in it (WCAG 2.2.1), then goes after a few seconds. */
  #leftFilterNotice(left: LeftFilter) {
    return html`<div
      class="left-filter"
      @focusin=${() => clearTimeout(this.#leftFilterTimer)}
      @mouseenter=${() => clearTimeout(this.#leftFilterTimer)}
      @focusout=${(e: FocusEvent) =>
        !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) &&
        this.#dismissLeftFilterLater()}
      @mouseleave=${(e: MouseEvent) =>
        !(e.currentTarget as HTMLElement).contains(this.shadowRoot?.activeElement ?? null) &&
        this.#dismissLeftFilterLater()}
    >
      ${noticeTemplate({
        kind: 'info',
        text: left.text,
        actions: [{ label: msg('Undo'), run: () => void this.#undoLeftFilter(left) }],
      })}
    </div>`;
  }

  #task(
    task: PortalTask,
    groupId: string,
    people: readonly { kind: 'internal' | 'external'; id: string; name: string }[],
  ) {
    const done = task.status === 'done';
    const today = new Date().toISOString().slice(0, 10);
    const overdue = !done && task.due !== null && task.due < today;
    const pending = this.pending.get(task.id);
    const notice = this.notices.get(task.id);
    const canToggle = task.canComplete && !this.#readOnly;
    const due = task.due ? formatValue(task.due, 'date', this.locale) : null;
    const initials =
      task.owner?.name
        .split(/\s+/)
        .map((w) => w[0])
        .slice(0, 2)
        .join('') ?? '';
    const expanded = this.expanded.has(task.id);
    return html`<li part="task" class="task ${done ? 'done' : ''}" data-task=${task.id}>
      <div class="row">
        ${
          canToggle || this.#readOnly
            ? html`<button
                class="check"
                role="checkbox"
                aria-checked=${done ? 'true' : 'false'}
                aria-label=${done ? msg(str`Re-open "${task.title}"`) : msg(str`Complete "${task.title}"`)}
                ?disabled=${!canToggle}
                title=${ifDefined(canToggle ? undefined : msg('View only'))}
                aria-describedby=${this.#readOnly ? 'readonly-note' : nothing}
                @click=${() => this.#toggle(task, groupId)}
              >
                ${done ? '✓' : ''}
              </button>`
            : html`<span class="check" role="img" aria-label=${done ? msg('Done') : msg('Open')}
                >${done ? '✓' : '○'}</span
              >`
        }
        <div>
          <div class="title">${task.title}</div>
          <div class="meta">
            ${
              task.owner
                ? html`<span
                    ><span class="avatar" aria-hidden="true">${initials}</span>${task.owner.name}</span
                  >`
                : html`<span>${msg('Unassigned')}</span>`
            }
            ${due ? html`<span class=${overdue ? 'overdue' : ''}>${overdue ? msg(str`Overdue since ${due}`) : msg(str`Due ${due}`)}</span>` : nothing}
            ${this.#isStaff && !task.sharedInPortal ? html`<span>${msg('Not shared in portal')}</span>` : nothing}
          </div>
        </div>
        <button aria-expanded=${expanded ? 'true' : 'false'} @click=${() => this.#toggleComments(task.id)}>
          ${msg('Comments')}
        </button>
      </div>
      ${
        pending?.state === 'offline'
          ? html`<p class="pending" role="status">
              ${msg('Not saved yet: the portal is offline. Retrying…')}
              <button @click=${() => this.#save(task.id, pending.status)}>${msg('Retry now')}</button>
            </p>`
          : nothing
      }
      ${noticeTemplate(notice ? { kind: 'error', text: notice } : undefined)}
      ${this.#manages ? this.#staffControls(task, people) : nothing}
      ${
        expanded
          ? html`<pk-task-comments
              task=${task.id}
              page=${this.#page?.id ?? ''}
              ?readonly=${this.#readOnly}
            ></pk-task-comments>`
          : nothing
      }
    </li>`;
  }

  #staffControls(
    task: PortalTask,
    people: readonly { kind: 'internal' | 'external'; id: string; name: string }[],
  ) {
    const externals = people.filter((p) => p.kind === 'external');
    const ownerValue = task.owner ? `${task.owner.kind}:${task.owner.id}` : '';
    const draft = this.assignDrafts.get(task.id) ?? ownerValue;
    return html`<div class="staff">
      <label
        ><input
          type="checkbox"
          .checked=${task.sharedInPortal}
          @change=${(e: Event) => this.#manage(task, { sharedInPortal: (e.target as HTMLInputElement).checked })}
        />
        ${msg('Shared in portal')}</label
      >
      <form class="assign" @submit=${(e: SubmitEvent) => this.#submitAssign(e, task)}>
        <label
          >${msg('Assign to')}
          <!-- Browsing options by keyboard changes nothing: only the Assign button saves. -->
          <select
            name="owner"
            @change=${(e: Event) => {
              this.assignDrafts = new Map(this.assignDrafts).set(
                task.id,
                (e.target as HTMLSelectElement).value,
              );
            }}
          >
            <option value="" ?selected=${draft === ''}>${msg('Unassigned')}</option>
            ${
              task.owner && task.owner.kind === 'internal'
                ? html`<option value=${ownerValue} ?selected=${draft === ownerValue}>
                    ${task.owner.name}
                  </option>`
                : nothing
            }
            ${externals.map((p) => html`<option value=${`external:${p.id}`} ?selected=${draft === `external:${p.id}`}>${p.name}</option>`)}
          </select>
        </label>
        <button type="submit" ?disabled=${draft === ownerValue}>${msg('Assign')}</button>
      </form>
    </div>`;
  }

  #toggleComments(taskId: string) {
    const next = new Set(this.expanded);
    if (!next.delete(taskId)) next.add(taskId);
    this.expanded = next;
  }

  #toggle(task: PortalTask, groupId: string) {
    const status = task.status === 'done' ? 'open' : 'done';
    void this.#save(task.id, status);
    // Under Open or Done the row leaves the list at once: say so, and offer the way back.
    if (this.show !== 'all') void this.#showLeftFilter(task, groupId, status);
  }

  async #showLeftFilter(task: PortalTask, groupId: string, status: 'open' | 'done') {
    clearTimeout(this.#leftFilterTimer);
    this.leftFilter = {
      taskId: task.id,
      groupId,
      text:
        status === 'done' ? msg(str`Task completed: ${task.title}`) : msg(str`Task re-opened: ${task.title}`),
      undoStatus: task.status,
    };
    this.#dismissLeftFilterLater();
    // Focus was on the row's tick, which is gone: it goes to Undo (which holds the notice).
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.left-filter button')?.focus();
  }

  #dismissLeftFilterLater() {
    clearTimeout(this.#leftFilterTimer);
    this.#leftFilterTimer = setTimeout(() => (this.leftFilter = undefined), LEFT_NOTICE_MS);
  }

  async #undoLeftFilter(left: LeftFilter) {
    clearTimeout(this.#leftFilterTimer);
    this.leftFilter = undefined;
    void this.#save(left.taskId, left.undoStatus);
    // The row is back (shown at once, confirmed later): focus returns to its tick.
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLButtonElement>(`[data-task="${CSS.escape(left.taskId)}"] button.check`)
      ?.focus();
  }

  async #save(taskId: string, status: 'open' | 'done') {
    const api = this.#api.value;
    if (!api) return;
    clearTimeout(this.#retryTimers.get(taskId));
    const attempt = (this.pending.get(taskId)?.attempt ?? -1) + 1;
    this.pending = new Map(this.pending).set(taskId, { status, state: 'saving', attempt });
    this.notices = withoutKey(this.notices, taskId);
    try {
      const saved = await api.call(tasksSetStatus, {
        params: { taskId },
        query: { page: this.#page?.id ?? '' },
        body: { status },
      });
      this.saved = new Map(this.saved).set(taskId, saved);
      this.pending = withoutKey(this.pending, taskId);
      emit(this, 'pk-task-complete', { taskId, status: saved.status });
    } catch (error) {
      // The row is back in sight with what happened to it; "Task completed" would no longer be true.
      if (this.leftFilter?.taskId === taskId) this.leftFilter = undefined;
      if (error instanceof PortalApiError && error.code === 'network') {
        // Nothing typed or clicked is lost: keep the change and retry with backoff.
        this.pending = new Map(this.pending).set(taskId, { status, state: 'offline', attempt });
        this.#retryTimers.set(
          taskId,
          setTimeout(() => this.#save(taskId, status), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]),
        );
        return;
      }
      // Refused: roll back and say why.
      this.pending = withoutKey(this.pending, taskId);
      const code = reportFailure(this, error);
      if (code) this.notices = new Map(this.notices).set(taskId, messageFor(code));
    }
  }

  async #manage(
    task: PortalTask,
    change: { sharedInPortal?: boolean; owner?: { kind: 'internal' | 'external'; id: string } | null },
  ) {
    const api = this.#api.value;
    if (!api) return;
    try {
      const saved = await api.call(tasksManage, { params: { taskId: task.id }, body: change });
      this.saved = new Map(this.saved).set(task.id, saved);
      this.notices = withoutKey(this.notices, task.id);
      if (change.sharedInPortal !== undefined)
        emit(this, 'pk-task-share', { taskId: task.id, sharedInPortal: saved.sharedInPortal });
      if (change.owner !== undefined)
        emit(this, 'pk-task-assign', {
          taskId: task.id,
          owner: saved.owner ? { kind: saved.owner.kind, id: saved.owner.id } : null,
        });
    } catch (error) {
      const code = reportFailure(this, error);
      if (code) this.notices = new Map(this.notices).set(task.id, messageFor(code));
    }
  }

  async #submitAssign(event: SubmitEvent, task: PortalTask) {
    event.preventDefault();
    const value = this.assignDrafts.get(task.id);
    if (value === undefined) return;
    const [kind, id] = value.split(':') as ['internal' | 'external', string];
    await this.#manage(task, { owner: value ? { kind, id } : null });
    this.assignDrafts = withoutKey(this.assignDrafts, task.id);
  }
}

function withoutKey<K, V>(map: Map<K, V>, key: K): Map<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
