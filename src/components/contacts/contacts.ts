import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PortalApiError } from '../../api/errors.js';
import { contactsCreate, contactsList } from '../../contract/routes/contacts.js';
import { ContactCreate, type ContactItem } from '../../contract/schemas.js';
import { apiContext, sessionContext } from '../../context/portal-context.js';
import { emit } from '../../internal/emit.js';
import { messageFor } from '../../internal/messages.js';
import { partStyles } from '../../styles/part.js';
import { reportFailure } from '../../internal/failures.js';

/**
 * R16 self-service: an Admin external user sees the contacts of their company and adds new ones.
 *
 * @tag pk-contacts
 * @csspart contact - One contact row.
 * @fires pk-contact-add - A contact was added.
 */
export class PkContacts extends LitElement {
  static override styles = [
    ...partStyles,
    css`
      ul {
        list-style: none;
        margin: 0 0 calc(var(--_space) * 2);
        padding: 0;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      li {
        padding: 8px 10px;
      }
      li + li {
        border-top: 1px solid var(--_border);
      }
      .email {
        color: var(--_fg-muted);
        font-size: 0.85rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: start;
      }
      /* The button sits in a column like the fields (an empty caption above it), so it lines
         up with the inputs whether or not a field shows an error below. */
      label,
      .action {
        display: grid;
        gap: 2px;
        font-size: 0.85rem;
      }
      .error {
        color: var(--_danger);
      }
      #email-error {
        max-width: 22rem;
      }
      form > .error {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  @state() private added: ContactItem[] = [];
  @state() private error = '';
  /** A refusal about the email itself (R16 `email_in_use`), shown beside the field. */
  @state() private emailError = '';
  @state() private saving = false;

  readonly #api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  readonly #contacts = new Task(this, {
    args: () => [this.#api.value] as const,
    task: async ([api], { signal }) => {
      this.added = [];
      return api ? (await api.call(contactsList, { signal })).items : undefined;
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return this.#contacts.render({
      pending: () => html`<p role="status" aria-busy="true">${msg('Loading contacts…')}</p>`,
      error: (e) =>
        html`<p class="error" role="alert">
          ${e instanceof PortalApiError ? messageFor(e.code) : msg('The contacts could not be loaded.')}
        </p>`,
      complete: (items) => (items ? this.#view([...items, ...this.added]) : nothing),
    });
  }

  #view(items: readonly ContactItem[]) {
    const canWrite = !!this.#session.value?.can.write;
    return html`<ul aria-label=${msg('Contacts of your company')}>
        ${items.map(
          (c) =>
            html`<li part="contact" tabindex="-1" data-id=${c.id}>
              <div>${c.name}</div>
              <div class="email">${c.email ?? msg('No email')}</div>
            </li>`,
        )}
      </ul>
      ${
        canWrite
          ? html`<form @submit=${this.#add} aria-label=${msg('Add a contact')}>
              <label>${msg('Name')}<input name="name" required autocomplete="off" /></label>
              <label
                >${msg('Email')}<input
                  name="email"
                  type="email"
                  required
                  autocomplete="off"
                  aria-invalid=${this.emailError ? 'true' : 'false'}
                  aria-describedby="email-error"
                  @input=${() => (this.emailError = '')}
                />
                <span id="email-error" class="error" role=${ifDefined(this.emailError ? 'alert' : undefined)}
                  >${this.emailError}</span
                >
              </label>
              <div class="action">
                <span aria-hidden="true">&nbsp;</span>
                <button class="primary" type="submit" ?disabled=${this.saving}>${msg('Add contact')}</button>
              </div>
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
            </form>`
          : nothing
      }`;
  }

  async #add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const input = { name: (data.name ?? '').trim(), email: (data.email ?? '').trim() };
    // Checked with the contract's schema first; what was typed stays in the form on any error.
    if (!ContactCreate.safeParse(input).success) {
      this.error = msg('Enter a name and a valid email address.');
      return;
    }
    this.saving = true;
    this.error = '';
    this.emailError = '';
    try {
      const contact = await this.#api.value!.call(contactsCreate, { body: input });
      this.added = [...this.added, contact];
      form.reset();
      emit(this, 'pk-contact-add', { id: contact.id });
      // Focus goes to the new contact, not to <body>.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(contact.id)}"]`)?.focus();
    } catch (error) {
      reportFailure(this, error);
      // What was typed stays in the form; an email clash is said beside the email, which gets focus.
      if (error instanceof PortalApiError && error.code === 'email_in_use') {
        this.emailError = messageFor(error.code);
        await this.updateComplete;
        (form.elements.namedItem('email') as HTMLInputElement).focus();
      } else
        this.error =
          error instanceof PortalApiError
            ? messageFor(error.code)
            : msg(str`${input.name} could not be added.`);
    } finally {
      this.saving = false;
    }
  }
}
