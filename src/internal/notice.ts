import { css, html, nothing } from 'lit';

/** A message about what just happened, with the actions it offers (Try again, Discard, Undo). */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  actions?: readonly { label: string; run: () => void }[];
}

/**
 * The one notice of the parts: an error is an alert, anything else a status, and its actions are
 * buttons right after the words (focus can go to them: an Undo after the row left the list).
 */
export function noticeTemplate(notice: Notice | undefined) {
  if (!notice) return nothing;
  return html`<p class="notice ${notice.kind}" role=${notice.kind === 'error' ? 'alert' : 'status'}>
    ${notice.text} ${notice.actions?.map((a) => html`<button @click=${a.run}>${a.label}</button>`)}
  </p>`;
}

export const noticeStyles = css`
  .notice {
    margin: var(--_space) 0;
    padding: 6px 10px;
    border-radius: var(--_radius);
    font-size: 0.9rem;
  }
  .notice.error {
    color: var(--_danger);
    border: 1px solid var(--_danger);
  }
  .notice.info {
    background: var(--_bg-sunken);
  }
`;
