import { css } from 'lit';
import { partStyles } from '../../styles/part.js';
import { cardRowsStyles } from '../../styles/card-rows.js';
import { tableStyles } from '../../styles/table.js';

export const styles = [
  ...partStyles,
  tableStyles,
  cardRowsStyles,
  css`
    :host {
      container-type: inline-size;
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
    /* As cards (cardRowsStyles), the column headers stay in sight as a row of sort buttons. */
    @container (max-width: 600px) {
      .cards thead {
        position: static;
        width: auto;
        height: auto;
        overflow: visible;
        clip: auto;
        white-space: normal;
      }
      .cards thead tr {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        margin-bottom: var(--_space);
      }
      .cards thead tr::before {
        content: attr(data-label) / '';
        color: var(--_fg-muted);
        font-size: 0.85rem;
      }
      .cards th {
        position: static;
        padding: 0 10px;
        border: 1px solid var(--_border);
        border-radius: 999px;
        background: var(--_bg);
        font-size: 0.85rem;
      }
      .cards th[aria-sort='ascending'],
      .cards th[aria-sort='descending'] {
        border-color: var(--_primary);
      }
    }
  `,
];
