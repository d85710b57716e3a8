import { css } from 'lit';
import { controls } from '../../styles/controls.js';
import { focusRing, srOnly, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  focusRing,
  srOnly,
  controls,
  css`
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 calc(var(--_space) * 2);
      font-size: 1.35rem;
      outline: none;
    }
    .meta {
      color: var(--_fg-muted);
      font-size: 0.85rem;
      margin: 0 0 var(--_space);
    }
    .table-wrap {
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    table {
      border-collapse: collapse;
      width: 100%;
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
    td.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .widgets {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: calc(var(--_space) * 1.5);
    }
    .widget {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
      background: var(--_bg);
    }
    .widget h3 {
      margin: 0 0 var(--_space);
      font-size: 0.9rem;
      color: var(--_fg-muted);
      font-weight: 600;
    }
    .value {
      font-size: 1.8rem;
      font-weight: 700;
    }
    .no-access {
      color: var(--_fg-muted);
      font-style: italic;
    }
    .bars {
      display: grid;
      gap: 4px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .bar {
      display: grid;
      grid-template-columns: 7rem 1fr auto;
      gap: 6px;
      align-items: center;
      font-size: 0.85rem;
    }
    .bar span:nth-child(2) {
      height: 8px;
      background: var(--_primary);
      border-radius: 4px;
    }
    .prose {
      line-height: 1.6;
      max-width: 70ch;
    }
    .placeholder,
    .empty {
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
