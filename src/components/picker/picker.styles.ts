import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      width: min(44rem, 92vw);
      max-width: none;
      box-sizing: border-box;
    }
    h3 {
      margin-top: 0;
    }
    input[type='search'] {
      width: 100%;
    }
    .count {
      color: var(--_fg-muted);
      font-size: 0.85rem;
      margin: calc(var(--_space) / 2) 0;
    }
    .scroll {
      max-height: min(50vh, 24rem);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.9rem;
    }
    th,
    td {
      text-align: start;
      padding: 6px 8px;
      border-bottom: 1px solid var(--_border);
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    thead th {
      position: sticky;
      top: 0;
      background: var(--_bg-sunken);
      font-weight: 600;
    }
    .pick {
      width: 2rem;
    }
    input[type='checkbox'] {
      width: 1.1rem;
      height: 1.1rem;
      margin: 0;
    }
    .scroll .empty {
      border: 0;
    }
  `,
];
