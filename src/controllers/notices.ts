import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { reportFailure } from '../internal/failures.js';
import { messageFor } from '../internal/messages.js';
import { noticeTemplate, type Notice } from '../internal/notice.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

/**
 * The one notice of a part: what just happened, why something failed, and the Undo of an action
 * taken at once. `render()` draws it (an error is an alert, anything else a status); `fail()`
 * says why in the person's words and tells the host page (`pk-error`, every failure); `undoable()`
 * offers Undo beside what was done and moves focus to it (the row it came from has left the list).
 */
export class NoticeController implements ReactiveController {
  readonly #host: Host;
  #notice?: Notice;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  get notice(): Notice | undefined {
    return this.#notice;
  }

  /** Says what happened, with the actions it offers. */
  info(text: string, actions?: Notice['actions']): void {
    this.#set({ kind: 'info', text, ...(actions ? { actions } : {}) });
  }

  /** Says what is wrong in words the part chose (a value refused before sending), with its actions. */
  error(text: string, actions?: Notice['actions']): void {
    this.#set({ kind: 'error', text, ...(actions ? { actions } : {}) });
  }

  /**
   * Says why `error` failed (`words` overrides the sentence for a code) and reports it to the host
   * page. Returns the code; a cancelled call changes nothing and returns undefined.
   */
  fail(
    error: unknown,
    options: { words?: (code: string) => string | undefined; actions?: Notice['actions'] } = {},
  ) {
    const code = reportFailure(this.#host, error);
    if (code === undefined) return undefined;
    const detail = (error as { detail?: { limit?: number } })?.detail;
    const text = options.words?.(code) ?? messageFor({ code, ...(detail ? { detail } : {}) });
    this.#set({ kind: 'error', text, ...(options.actions ? { actions: options.actions } : {}) });
    return code;
  }

  /**
   * After an action taken at once: says what was done and offers Undo, with focus on it. Undo runs
   * `undo`, whose answer (the sentence after undoing, or nothing when it failed and said so) then
   * replaces the notice.
   */
  async undoable(text: string, undo: () => Promise<string | undefined>): Promise<void> {
    this.info(text, [
      {
        label: msg('Undo'),
        run: () => {
          this.clear();
          void undo().then((after) => after !== undefined && this.info(after));
        },
      },
    ]);
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLButtonElement>('.notice button')?.focus();
  }

  clear(): void {
    this.#set(undefined);
  }

  render() {
    return noticeTemplate(this.#notice);
  }

  #set(notice: Notice | undefined) {
    this.#notice = notice;
    this.#host.requestUpdate();
  }
}
