import { css } from 'lit';
import { focusRing, srOnly, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  focusRing,
  srOnly,
  css`
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin-bottom: var(--_space);
    }
    input,
    select,
    button {
      font: inherit;
      color: var(--_fg);
    }
    input[type='search'],
    select {
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 4px 8px;
      min-height: 32px;
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
    .drop {
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2);
      text-align: center;
      color: var(--_fg-muted);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .drop.over {
      border-color: var(--_primary);
      background: color-mix(in srgb, var(--_primary) 8%, transparent);
    }
    .limits {
      font-size: 0.8rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    li + li {
      border-top: 1px solid var(--_border);
    }
    .file,
    .upload {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: var(--_space);
      align-items: center;
      padding: 8px 10px;
    }
    .icon {
      width: 32px;
      height: 32px;
      border-radius: 6px;
      display: grid;
      place-items: center;
      font-size: 0.65rem;
      font-weight: 700;
      background: var(--_bg-sunken);
      border: 1px solid var(--_border);
    }
    .name {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .meta {
      font-size: 0.8rem;
      color: var(--_fg-muted);
    }
    .actions {
      display: flex;
      gap: 4px;
      flex-wrap: wrap;
      justify-content: flex-end;
    }
    progress {
      width: 100%;
      accent-color: var(--_primary);
    }
    .uploads {
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .error {
      color: var(--_danger);
      font-size: 0.85rem;
    }
    .empty {
      padding: calc(var(--_space) * 3);
      text-align: center;
      color: var(--_fg-muted);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
    }
    .note {
      padding: var(--_space) calc(var(--_space) * 1.5);
      background: var(--_bg-sunken);
      border-radius: var(--_radius);
      margin-bottom: var(--_space);
      font-size: 0.9rem;
    }
    dialog {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_fg);
      padding: calc(var(--_space) * 2);
      max-width: min(30rem, 90vw);
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
  `,
];
