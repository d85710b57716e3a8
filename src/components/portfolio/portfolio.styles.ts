import { css } from 'lit';
import { partStyles } from '../../styles/part.js';
import { tableStyles } from '../../styles/table.js';

export const styles = [
  ...partStyles,
  tableStyles,
  css`
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin-bottom: var(--_space);
    }
    .toolbar input {
      flex: 1 1 16rem;
      max-width: 24rem;
    }
    .count {
      color: var(--_fg-muted);
      font-size: 0.85rem;
    }
    th,
    td {
      padding: 6px 10px;
      white-space: nowrap;
    }
    th {
      position: sticky;
      top: 0;
    }
    th button {
      border: 0;
      background: transparent;
      font-weight: 600;
      padding: 0;
      min-height: 28px;
    }
    td.number,
    th.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    td .open {
      font-weight: 600;
      text-align: start;
    }
    .more {
      color: var(--_fg-muted);
      font-size: 0.85rem;
      margin: var(--_space) 0 0;
    }
    .error {
      color: var(--_danger);
    }
  `,
];
