import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
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
    .scroll {
      overflow-x: auto;
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
      padding: 6px 10px;
      border-bottom: 1px solid var(--_border);
      white-space: nowrap;
    }
    th {
      background: var(--_bg-sunken);
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
