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
      border: 1px solid var(--_border);
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
