import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  css`
    h2 {
      margin: 0 0 calc(var(--_space) * 2);
      font-size: 1.35rem;
      outline: none;
    }
    .placeholder {
      padding: calc(var(--_space) * 3);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_fg-muted);
      text-align: center;
    }
    .error {
      padding: calc(var(--_space) * 2);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      color: var(--_danger);
    }
    .skeleton {
      height: 0.9rem;
      margin: 8px 0;
      border-radius: 4px;
      background: var(--_bg-sunken);
    }
  `,
];
