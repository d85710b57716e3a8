import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { PortalApiError } from '../../api/errors.js';
import { commentsCreate, commentsList, peopleMentionable } from '../../contract/routes/tasks.js';
import { COMMENT_MAX_LENGTH, type CommentItem } from '../../contract/schemas.js';
import { apiContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { formatNumber } from '../../internal/format.js';
import { portalLocale } from '../../internal/localization.js';
import { reportFailure } from '../../internal/failures.js';
import { messageFor } from '../../internal/messages.js';
import { plural } from '../../internal/plural.js';
import { caretPosition } from './caret-position.js';
import { styles } from './task-comments.styles.js';

type Person = { kind: 'internal' | 'external'; id: string; name: string };
let nextId = 0;

/** The counter shows once this few characters are left (a tenth of the limit). */
const COUNT_FROM = COMMENT_MAX_LENGTH / 10;
/** Screen readers hear the count once typing pauses this long, not on every keystroke. */
const ANNOUNCE_AFTER_MS = 1000;

/**
 * Comments on one task, with a composer whose @mentions offer only the people R9 allows.
 * Comment text is plain text: it is never rendered as HTML.
 *
 * @tag pk-task-comments
 * @fires pk-comment-add - A comment was posted.
 * @fires pk-error - Posting a comment failed.
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
  /** Where the mention list opens: under the caret, relative to the composer. */
  @state() private listAt = { top: 0, left: 0 };
  /** What the polite status last said about the length, once typing paused. */
  @state() private lengthAnnouncement = '';

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #uid = `c${nextId++}`;
  /** People chosen from the list; kept only while their @Name is still in the text. */
  #chosen: Person[] = [];
  /** Caret position right after the space a picked mention brought, until the next keystroke. */
  #spaceAfterMention: number | null = null;
  #announceTimer?: ReturnType<typeof setTimeout>;

  readonly #comments = new Task(this, {
    args: () => [this.task, this.#api.value] as const,
    task: async ([task, api], { signal }) => {
      if (!task || !api) return undefined;
      this.posted = [];
      this.#loads++;
      this.earlier = undefined;
      return api.call(commentsList, { params: { taskId: task }, signal });
    },
  });
  /** Earlier comments the person asked for, above the latest ones, and where to go on from. */
  @state() private earlier: { items: CommentItem[]; nextCursor: string | null } | undefined;
  @state() private loadingEarlier = false;
  /** Counts the loads of the latest comments: an earlier page asked for before one is dropped. */
  #loads = 0;

  /** The comments before the ones shown; focus stays on the button (or the first comment). */
  async #showEarlier(cursor: string) {
    const api = this.#api.value;
    if (!api || this.loadingEarlier) return;
    this.loadingEarlier = true;
    // Earlier comments of the thread as it was: dropped when another task's thread loaded meanwhile.
    const base = this.#loads;
    try {
      const page = await api.call(commentsList, { params: { taskId: this.task }, query: { cursor } });
      if (this.#loads !== base) return;
      this.earlier = { items: [...page.items, ...(this.earlier?.items ?? [])], nextCursor: page.nextCursor };
      if (!page.nextCursor) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('li.comment')?.focus();
      }
    } catch (error) {
      reportFailure(this, error);
    } finally {
      this.loadingEarlier = false;
    }
  }

  readonly #people = new Task(this, {
    args: () => [this.#api.value, this.readonly] as const,
    task: async ([api, readonly], { signal }) =>
      api && !readonly ? (await api.call(peopleMentionable, { signal })).items : [],
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
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
      complete: (latest) =>
        latest
          ? html`${this.#earlierButton(this.earlier ? this.earlier.nextCursor : latest.nextCursor)}
            ${this.#list([...(this.earlier?.items ?? []), ...latest.items, ...this.posted])}`
          : this.#list(this.posted),
    })}
    ${this.readonly ? nothing : this.#composer()}`;
  }

  #earlierButton(cursor: string | null) {
    if (!cursor) return nothing;
    return html`<button
      class="earlier"
      aria-busy=${this.loadingEarlier}
      @click=${() => this.#showEarlier(cursor)}
    >
      ${this.loadingEarlier ? msg('Loading…') : msg('Show earlier comments')}
    </button>`;
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
    const count = this.#lengthLeft();
    return html`<div class="composer">
      <label for="${this.#uid}-text">${msg('Add a comment (type @ to mention someone)')}</label>
      <textarea
        id="${this.#uid}-text"
        aria-autocomplete="list"
        aria-controls=${listId}
        aria-activedescendant=${open ? optionId(this.active) : nothing}
        aria-describedby="${this.#uid}-count ${this.#uid}-error"
        .value=${this.draft}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
        @blur=${() => setTimeout(() => (this.query = null), 150)}
      ></textarea>
      <ul
        id=${listId}
        role="listbox"
        aria-label=${msg('People you can mention')}
        ?hidden=${!open}
        style=${styleMap({ '--_caret-top': `${this.listAt.top}px`, '--_caret-left': `${this.listAt.left}px` })}
      >
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
      <span class="sr-only" role="status">${this.lengthAnnouncement}</span>
      <div class="actions">
        <button ?disabled=${this.sending || !this.draft.trim()} @click=${this.#send}>
          ${this.sending ? msg('Sending…') : msg('Comment')}
        </button>
        <span id="${this.#uid}-count" class="count ${count?.over ? 'over' : ''}">${count?.text ?? ''}</span>
        <span id="${this.#uid}-error" class="error" role="alert">${this.sendError}</span>
      </div>
    </div>`;
  }

  /** Near the limit, how many characters are left (or over); nothing before that. */
  #lengthLeft(): { text: string; over: boolean } | undefined {
    const left = COMMENT_MAX_LENGTH - this.draft.length;
    if (left > COUNT_FROM) return undefined;
    const locale = portalLocale();
    const count = formatNumber(Math.abs(left), locale);
    return left >= 0
      ? {
          over: false,
          text: plural(locale, left, {
            one: msg(str`${count} character left`),
            other: msg(str`${count} characters left`),
          }),
        }
      : {
          over: true,
          text: plural(locale, -left, {
            one: msg(str`${count} character too many`),
            other: msg(str`${count} characters too many`),
          }),
        };
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
    if (match) {
      // The list opens under the caret, not under the whole composer.
      const caret = caretPosition(area);
      this.listAt = { top: area.offsetTop + caret.top + caret.height, left: area.offsetLeft + caret.left };
    }
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(
      () => (this.lengthAnnouncement = this.#lengthLeft()?.text ?? ''),
      ANNOUNCE_AFTER_MS,
    );
  }

  #onKeyDown(event: KeyboardEvent) {
    const area = event.target as HTMLTextAreaElement;
    const spaceAfterMention = this.#spaceAfterMention;
    this.#spaceAfterMention = null;
    // The picked mention already brought its space: typing one more would leave two.
    if (
      event.key === ' ' &&
      area.selectionStart === spaceAfterMention &&
      area.selectionEnd === spaceAfterMention
    ) {
      event.preventDefault();
      return;
    }
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
    const after = area.value.slice(caret);
    // One space after the name: the text that follows may already start with one.
    const before = area.value
      .slice(0, caret)
      .replace(/@([\p{L}\p{N}'-]*)$/u, /^\s/u.test(after) ? `@${person.name}` : `@${person.name} `);
    this.draft = before + after;
    if (!this.#chosen.some((p) => p.kind === person.kind && p.id === person.id)) this.#chosen.push(person);
    this.query = null;
    const end = /^\s/u.test(after) ? before.length + 1 : before.length;
    this.#spaceAfterMention = end;
    void this.updateComplete.then(() => {
      area.focus();
      area.setSelectionRange(end, end);
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
      const comment = await api.call(commentsCreate, {
        params: { taskId: this.task },
        query: { page: this.page },
        body: { body, mentions },
      });
      this.posted = [...this.posted, comment];
      this.draft = '';
      this.#chosen = [];
      emit(this, 'pk-comment-add', { taskId: this.task, commentId: comment.id, mentions });
      // Focus goes to what was just posted, not to <body>.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-comment="${CSS.escape(comment.id)}"]`)?.focus();
    } catch (error) {
      // The draft stays in the box: nothing typed is lost. The message names a passed limit.
      const code = reportFailure(this, error);
      if (error instanceof PortalApiError) this.sendError = messageFor(error);
      else if (code) this.sendError = msg('The comment could not be sent.');
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
