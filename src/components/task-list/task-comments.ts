import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalApiError } from '../../api/errors.js';
import { CommentItem, CommentList, PeopleList } from '../../contract/schemas.js';
import { apiContext } from '../../context/portal-context.js';
import { throughPage } from '../../internal/through-page.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { styles } from './task-comments.styles.js';

type Person = { kind: 'internal' | 'external'; id: string; name: string };
let nextId = 0;

/**
 * Comments on one task, with a composer whose @mentions offer only the people R9 allows.
 * Comment text is plain text: it is never rendered as HTML.
 *
 * @tag pk-task-comments
 * @fires pk-comment-add - A comment was posted.
 */
export class PkTaskComments extends LitElement {
  static override styles = styles;

  /** Id of the task. */
  @property() task = '';

  /** Id of the page comments are written through (R2). */
  @property() page = '';

  /** No composer (impersonation is read-only, R12). */
  @property({ type: Boolean }) readonly = false;

  @state() private draft = '';
  @state() private query: string | null = null;
  @state() private active = 0;
  @state() private sending = false;
  @state() private sendError = '';
  @state() private posted: CommentItem[] = [];

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #uid = `c${nextId++}`;
  /** People chosen from the list; kept only while their @Name is still in the text. */
  #chosen: Person[] = [];

  readonly #comments = new Task(this, {
    args: () => [this.task, this.#api.value] as const,
    task: async ([task, api], { signal }) => {
      if (!task || !api) return undefined;
      this.posted = [];
      return (await api.request(`/tasks/${encodeURIComponent(task)}/comments`, CommentList, { signal }))
        .items;
    },
  });

  readonly #people = new Task(this, {
    args: () => [this.#api.value, this.readonly] as const,
    task: async ([api, readonly], { signal }) =>
      api && !readonly ? (await api.request('/mentionable', PeopleList, { signal })).items : [],
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  get #matches(): Person[] {
    if (this.query === null) return [];
    const q = this.query.toLowerCase();
    return (this.#people.value ?? [])
      .filter(
        (p) =>
          p.name
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(q)) || p.name.toLowerCase().startsWith(q),
      )
      .slice(0, 8);
  }

  override render() {
    return html`${this.#comments.render({
      pending: () => html`<p class="muted" role="status">${msg('Loading comments…')}</p>`,
      error: (e) =>
        html`<p class="error" role="alert">
          ${e instanceof PortalApiError ? messageFor(e.code) : msg('The comments could not be loaded.')}
        </p>`,
      complete: (items) => this.#list([...(items ?? []), ...this.posted]),
    })}
    ${this.readonly ? nothing : this.#composer()}`;
  }

  #list(items: readonly CommentItem[]) {
    if (items.length === 0) return html`<p class="muted">${msg('No comments yet.')}</p>`;
    const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<ol aria-label=${msg('Comments')}>
      ${items.map(
        (c) =>
          html`<li class="comment" tabindex="-1" data-comment=${c.id}>
            <span class="who">${c.author.name}</span
            ><span class="when">${format.format(new Date(c.createdAt))}</span>
            <p class="body">${withMentionChips(c)}</p>
          </li>`,
      )}
    </ol>`;
  }

  #composer() {
    const matches = this.#matches;
    const open = matches.length > 0;
    const listId = `${this.#uid}-people`;
    const optionId = (i: number) => `${this.#uid}-person-${i}`;
    return html`<div class="composer">
      <label for="${this.#uid}-text">${msg('Add a comment (type @ to mention someone)')}</label>
      <textarea
        id="${this.#uid}-text"
        aria-autocomplete="list"
        aria-controls=${listId}
        aria-activedescendant=${open ? optionId(this.active) : nothing}
        .value=${this.draft}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
        @blur=${() => setTimeout(() => (this.query = null), 150)}
      ></textarea>
      <ul id=${listId} role="listbox" aria-label=${msg('People you can mention')} ?hidden=${!open}>
        ${matches.map(
          (p, i) =>
            html`<li
              id=${optionId(i)}
              role="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => (e.preventDefault(), this.#pick(p))}
            >
              ${p.name}
            </li>`,
        )}
      </ul>
      <span class="sr-only" role="status"
        >${open ? msg(str`${matches.length} people to mention: up and down to choose, Enter to pick`) : ''}</span
      >
      <div class="actions">
        <button ?disabled=${this.sending || !this.draft.trim()} @click=${this.#send}>
          ${this.sending ? msg('Sending…') : msg('Comment')}
        </button>
        ${this.sendError ? html`<span class="error" role="alert">${this.sendError}</span>` : nothing}
      </div>
    </div>`;
  }

  #textarea() {
    return this.renderRoot.querySelector('textarea')!;
  }

  #onInput(event: InputEvent) {
    const area = event.target as HTMLTextAreaElement;
    this.draft = area.value;
    const before = area.value.slice(0, area.selectionStart);
    const match = /(?:^|\s)@([\p{L}\p{N}'-]*)$/u.exec(before);
    this.query = match ? match[1]! : null;
    this.active = 0;
  }

  #onKeyDown(event: KeyboardEvent) {
    const matches = this.#matches;
    if (matches.length === 0) {
      if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void this.#send();
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      this.#pick(matches[this.active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.query = null;
    }
  }

  #pick(person: Person) {
    const area = this.#textarea();
    const caret = area.selectionStart;
    const before = area.value.slice(0, caret).replace(/@([\p{L}\p{N}'-]*)$/u, `@${person.name} `);
    this.draft = before + area.value.slice(caret);
    if (!this.#chosen.some((p) => p.kind === person.kind && p.id === person.id)) this.#chosen.push(person);
    this.query = null;
    void this.updateComplete.then(() => {
      area.focus();
      area.setSelectionRange(before.length, before.length);
    });
  }

  async #send() {
    const api = this.#api.value;
    const body = this.draft.trim();
    if (!api || !body || this.sending) return;
    const mentions = this.#chosen
      .filter((p) => this.draft.includes(`@${p.name}`))
      .map(({ kind, id }) => ({ kind, id }));
    this.sending = true;
    this.sendError = '';
    try {
      const path = throughPage(`/tasks/${encodeURIComponent(this.task)}/comments`, this.page);
      const comment = await api.request(path, CommentItem, {
        method: 'POST',
        body: JSON.stringify({ body, mentions }),
      });
      this.posted = [...this.posted, comment];
      this.draft = '';
      this.#chosen = [];
      emit(this, 'pk-comment-add', { taskId: this.task, commentId: comment.id, mentions });
      // Focus goes to what was just posted, not to <body>.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-comment="${CSS.escape(comment.id)}"]`)?.focus();
    } catch (error) {
      // The draft stays in the box: nothing typed is lost.
      this.sendError =
        error instanceof PortalApiError ? messageFor(error.code) : msg('The comment could not be sent.');
    } finally {
      this.sending = false;
    }
  }
}

/** R9: each `@Name` of a person the comment mentions is drawn as a chip; the rest stays text. */
function withMentionChips(comment: CommentItem) {
  const names = [...new Set(comment.mentions.map((m) => `@${m.name}`))].sort((a, b) => b.length - a.length);
  if (!names.length) return comment.body;
  const pattern = new RegExp(
    `(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'u',
  );
  return comment.body
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? html`<span class="mention">${part}</span>` : part));
}
