import { css } from 'lit';

/**
 * Buttons, fields and dialogs shared by the parts, so they look and behave alike. A dialog's
 * width counts its padding: at 90vw a narrow screen keeps a margin on each side.
 */
export const controls = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_fg);
  }
  button {
    padding: 4px 12px;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    cursor: pointer;
    min-height: 32px;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    padding: 4px 8px;
    min-height: 32px;
    box-sizing: border-box;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    padding: calc(var(--_space) * 2);
    box-sizing: border-box;
    max-width: min(32rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  /* A row of a part's controls above its content: search, filters, actions. */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin-bottom: var(--_space);
  }
  .empty {
    padding: calc(var(--_space) * 3);
    text-align: center;
    color: var(--_fg-muted);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
`;
