import { LitElement, css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { partStyles } from '../../styles/part.js';

/**
 * The one confirmation dialog of the parts: it names what is about to happen, opens with focus on
 * the safe choice, and answers `ask()` with the person's choice (Escape = the safe choice).
 *
 * @tag pk-confirm
 */
export class PkConfirm extends LitElement {
  static override styles = [
    ...partStyles,
    css`
      :host {
        display: contents;
      }
      h3 {
        margin-top: 0;
      }
    `,
  ];

  /** The question, naming the item ("Remove “Granite 12”?"). */
  @property() heading = '';
  /** What follows from it. */
  @property() body = '';
  @property({ attribute: 'confirm-label' }) confirmLabel = '';
  @property({ attribute: 'cancel-label' }) cancelLabel = '';

  @query('dialog') private dialog?: HTMLDialogElement;
  #answer?: (confirmed: boolean) => void;

  /** Opens the dialog; resolves true when the person confirms. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    this.#settle(false);
    this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button.safe')?.focus();
    return new Promise((resolve) => (this.#answer = resolve));
  }

  #close(confirmed: boolean) {
    if (this.dialog?.open) this.dialog.close();
    this.#settle(confirmed);
  }

  #settle(confirmed: boolean) {
    const answer = this.#answer;
    this.#answer = undefined;
    answer?.(confirmed);
  }

  override render() {
    // Escape closes the dialog itself; its close event can arrive after the dialog was opened
    // again, so it answers only while the dialog is really closed.
    return html`<dialog aria-labelledby="heading" @close=${() => !this.dialog?.open && this.#settle(false)}>
      <h3 id="heading">${this.heading}</h3>
      ${this.body ? html`<p>${this.body}</p>` : ''}
      <div class="dialog-actions">
        <button class="safe primary" @click=${() => this.#close(false)}>${this.cancelLabel}</button>
        <button class="confirm" @click=${() => this.#close(true)}>${this.confirmLabel}</button>
      </div>
    </dialog>`;
  }
}
