import { css } from 'lit';
import { partStyles } from '../../styles/part.js';
import { tableStyles } from '../../styles/table.js';

export const styles = [
  ...partStyles,
  tableStyles,
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
    }
    th,
    td {
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    thead th {
      position: sticky;
      top: 0;
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
