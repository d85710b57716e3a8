import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PortalApiError } from '../../api/errors.js';
import { recordsCreate } from '../../contract/routes/records.js';
import { RecordWrite, type Column, type FieldValue, type RecordItem } from '../../contract/schemas.js';
import { apiContext } from '../../context/portal-context.js';
import { parseCellDraft } from '../../controllers/cell-edits.js';
import { partStyles } from '../../styles/part.js';
import type { PkConfirm } from '../confirm/confirm.js';
import { choices, inputFor } from './choices.js';

export { PkConfirm } from '../confirm/confirm.js';
// The share picker is the table's (its flow stays there); it loads with the other dialogs.
export { PkPicker } from '../picker/picker.js';

/**
 * The table's record dialogs, loaded the first time one opens: the New record form, which checks
 * each value against its field before anything is sent and keeps what was typed when the server
 * refuses it, and the confirmation before a record is removed.
 *
 * @tag pk-record-dialogs
 */
export class PkRecordDialogs extends LitElement {
  // The form is as wide whatever is typed or refused, with a margin on a narrow screen; its column
  // never grows with a control, and Notes grows downwards only.
  static override styles = [
    ...partStyles,
    css`
      :host {
        display: contents;
      }
      dialog {
        width: min(28rem, 100% - 2rem);
      }
      h3 {
        margin: 0;
      }
      form,
      .field,
      label {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
      }
      form {
        gap: var(--_space);
      }
      .field,
      label {
        gap: 2px;
        font-size: 0.85rem;
      }
      textarea {
        resize: vertical;
        max-width: 100%;
      }
      .field-error,
      .required {
        color: var(--_danger);
      }
      .field-error,
      .required-note {
        font-size: 0.8rem;
      }
      .required-note {
        margin: 0 0 var(--_space);
        color: var(--_fg-muted);
      }
    `,
  ];

  /** The table's columns: the form asks for the updatable ones. */
  @property({ attribute: false }) columns: readonly Column[] = [];
  /** Model of the records. */
  @property() model = '';
  /** The table page the records are created through. */
  @property() page = '';
  /** Locale for numbers typed and the Yes / No of booleans. */
  @property() locale = 'en';

  /** Why a value (by field name) or the record (`''`) cannot be created. */
  @state() private errors: Record<string, string> = {};
  /** The record the removal confirmation names. */
  @state() private removeName = '';

  @query('dialog.create') private createDialog?: HTMLDialogElement;
  @query('pk-confirm.remove') private removeConfirm?: PkConfirm;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #created?: (record: RecordItem | undefined) => void;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Opens the New record form, empty; resolves with the record once created, or undefined. */
  async create(): Promise<RecordItem | undefined> {
    await this.updateComplete;
    this.#settle(undefined);
    this.errors = {};
    this.createDialog?.querySelector('form')?.reset();
    this.createDialog?.showModal();
    return new Promise((resolve) => (this.#created = resolve));
  }

  /** Asks before removing the record called `name`; resolves true when the person confirms. */
  async confirmRemove(name: string): Promise<boolean> {
    this.removeName = name;
    await this.updateComplete;
    return (await this.removeConfirm?.ask()) ?? false;
  }

  override render() {
    const writable = this.columns.filter((c) => c.updatable);
    return html`<dialog
        class="create"
        aria-labelledby="create-title"
        @close=${() => {
          this.errors = {};
          this.#settle(undefined);
        }}
      >
        <form method="dialog" novalidate @submit=${this.#submit}>
          <h3 id="create-title">${msg('New record')}</h3>
          ${writable.some((c) => c.constraints?.required) ? this.#requiredNote() : nothing}
          ${writable.map((c) => this.#field(c))}
          ${this.errors[''] ? html`<p class="field-error" role="alert">${this.errors['']}</p>` : nothing}
          <div class="dialog-actions">
            <button type="button" @click=${() => this.createDialog?.close()}>${msg('Cancel')}</button>
            <button class="primary" type="submit">${msg('Create')}</button>
          </div>
        </form>
      </dialog>
      <pk-confirm
        class="remove"
        heading=${msg(str`Remove “${this.removeName}”?`)}
        body=${msg('It will be removed for everyone in this portal.')}
        confirm-label=${msg('Remove')}
        cancel-label=${msg('Cancel')}
      ></pk-confirm>`;
  }

  /** "Fields marked * are required.", its star in the colour of the fields' stars. */
  #requiredNote() {
    const [before, ...after] = msg('Fields marked * are required.').split('*');
    return html`<p class="required-note">
      ${before}${after.length ? html`<span class="required">*</span>${after.join('*')}` : nothing}
    </p>`;
  }

  /**
   * One field of the form: a list for enum and boolean, several lines for text, else one line.
   * Required fields say so (the form checks them itself, with the words of the grid's editor). A
   * refusal is the control's description, under it: its name stays the field's label.
   */
  #field(c: Column) {
    const required = !!c.constraints?.required;
    const error = this.errors[c.name];
    const invalid = error ? 'true' : 'false';
    const errorId = `${c.name}-error`;
    const described = error ? errorId : undefined;
    const { type, inputmode } = inputFor(c);
    return html`<div class="field">
      <label
        ><span
          >${c.label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</span
        >
        ${
          c.type === 'enum' || c.type === 'boolean'
            ? html`<select
                name=${c.name}
                ?required=${required}
                aria-invalid=${invalid}
                aria-describedby=${ifDefined(described)}
              >
                <option value="">${msg('Not set')}</option>
                ${choices(c, this.locale).map((o) => html`<option value=${o.value}>${o.label}</option>`)}
              </select>`
            : c.type === 'text'
              ? html`<textarea
                  name=${c.name}
                  rows="3"
                  ?required=${required}
                  aria-invalid=${invalid}
                  aria-describedby=${ifDefined(described)}
                ></textarea>`
              : html`<input
                  name=${c.name}
                  type=${type}
                  inputmode=${inputmode}
                  ?required=${required}
                  aria-invalid=${invalid}
                  aria-describedby=${ifDefined(described)}
                />`
        }
      </label>
      ${error ? html`<span class="field-error" id=${errorId}>${error}</span>` : nothing}
    </div>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const fields: Record<string, FieldValue> = {};
    const errors: Record<string, string> = {};
    for (const column of this.columns.filter((c) => c.updatable)) {
      // Left empty: not sent (the server keeps its default), unless the field is required.
      const parsed = parseCellDraft(column, String(data.get(column.name) ?? ''), this.locale);
      if (!parsed.ok) errors[column.name] = parsed.error;
      else if (parsed.value !== null) fields[column.name] = parsed.value;
    }
    // The request body is checked against the contract's schema before it is sent.
    if (!Object.keys(errors).length && !RecordWrite.safeParse({ fields }).success)
      errors[''] = msg('The record could not be created.');
    this.errors = errors;
    if (Object.keys(errors).length) {
      // To the first field to correct (its refusal is its description); a refusal of the whole
      // record is announced where it shows.
      await this.updateComplete;
      this.createDialog?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      const created = await this.#api.value!.call(recordsCreate, {
        params: { model: this.model },
        query: { page: this.page },
        body: { fields },
      });
      this.#settle(created);
      this.createDialog?.close();
    } catch (error) {
      // The form keeps what was typed.
      this.errors = {
        '': error instanceof PortalApiError ? error.message : msg('The record could not be created.'),
      };
    }
  }

  #settle(record: RecordItem | undefined) {
    const answer = this.#created;
    this.#created = undefined;
    answer?.(record);
  }
}
