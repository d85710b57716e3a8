import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  css`
    .prose,
    .editor {
      line-height: 1.6;
      max-width: 70ch;
    }
    .editor {
      min-height: 12rem;
      padding: var(--_space) calc(var(--_space) * 1.5);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      background: var(--_bg);
      outline: none;
    }
    .editor:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin: var(--_space) 0;
    }
    .meta {
      color: var(--_fg-muted);
      font-size: 0.85rem;
    }
    .conflict {
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
      margin: var(--_space) 0;
    }
    .conflict .prose {
      background: var(--_bg-sunken);
      padding: var(--_space);
      border-radius: var(--_radius);
      max-height: 14rem;
      overflow: auto;
    }
    .error {
      color: var(--_danger);
    }
    .version-label {
      margin: var(--_space) 0 4px;
      font-weight: 600;
      font-size: 0.9rem;
    }
    .version-label.mine::before,
    .version-label.theirs::before {
      content: '';
      display: inline-block;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      margin-inline-end: 6px;
    }
    .version-label.mine::before {
      background: var(--_focus);
    }
    .version-label.theirs::before {
      background: var(--_danger);
    }
    .format-toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-bottom: 4px;
      max-width: 70ch;
    }
    .format-toolbar button {
      min-width: 32px;
      padding: 4px 8px;
      display: inline-grid;
      place-items: center;
    }
    .format-toolbar svg {
      fill: currentColor;
    }
    .format-toolbar button[aria-pressed='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
      border-color: var(--_primary);
    }
    .link-form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin-bottom: var(--_space);
      max-width: 70ch;
    }
    .link-form label {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .link-form .error {
      flex-basis: 100%;
    }
    .link-form .error:empty {
      display: none;
    }
    .draft {
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_focus);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
      margin: var(--_space) 0;
      background: var(--_bg-sunken);
    }
    .draft p {
      margin: 0;
    }
  `,
];
