import { css } from 'lit';
import { noticeStyles } from '../../internal/notice.js';
import { partStyles } from '../../styles/part.js';
import { cardRowsStyles } from '../../styles/card-rows.js';
import { tableStyles } from '../../styles/table.js';

/** The host: the tabs above the open tab, and the note for staff who may only look. */
export const styles = [
  ...partStyles,
  css`
    :host {
      container-type: inline-size;
    }
    [role='tablist'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      border-bottom: 1px solid var(--_border);
      margin-bottom: calc(var(--_space) * 2);
    }
    [role='tab'] {
      border: 0;
      border-bottom: 3px solid transparent;
      border-radius: 0;
      background: transparent;
      padding: 6px 12px;
      font-weight: 500;
    }
    [role='tab'][aria-selected='true'] {
      border-bottom-color: var(--_primary);
      font-weight: 700;
    }
    .note {
      padding: var(--_space) calc(var(--_space) * 1.5);
      background: var(--_bg-sunken);
      border-radius: var(--_radius);
      font-size: 0.9rem;
    }
  `,
];

/** A tab of the settings (its own shadow root): tables as cards when narrow, forms, lists. */
export const tabStyles = [
  ...partStyles,
  noticeStyles,
  tableStyles,
  cardRowsStyles,
  css`
    :host([hidden]) {
      display: none;
    }
    .error {
      color: var(--_danger);
    }
    td {
      vertical-align: middle;
    }
    .scroll {
      margin-bottom: var(--_space);
    }
    tr.section td {
      font-weight: 700;
      background: color-mix(in srgb, var(--_bg-sunken) 60%, var(--_bg));
    }
    td.nowrap {
      white-space: nowrap;
    }
    tr.page td:first-child {
      padding-inline-start: 28px;
    }
    .badge {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 999px;
      font-size: 0.8rem;
      border: 1px solid var(--_border);
      white-space: nowrap;
    }
    .badge.edit {
      background: color-mix(in srgb, var(--_primary) 14%, var(--_bg));
    }
    .badge.none {
      color: var(--_fg-muted);
    }
    .warn {
      color: var(--_danger);
      font-size: 0.8rem;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      margin: var(--_space) 0;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0 0 calc(var(--_space) * 2);
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    legend {
      font-weight: 600;
      padding: 0 4px;
    }
    fieldset label {
      display: inline-flex;
      gap: 6px;
      align-items: center;
      margin-inline-end: calc(var(--_space) * 2);
    }
    .stats {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: var(--_space);
      margin-bottom: calc(var(--_space) * 2);
    }
    .stat {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    .stat strong {
      display: block;
      font-size: 1.6rem;
    }
    .stat .meter {
      height: 6px;
      border-radius: 3px;
      background: var(--_primary);
      margin-top: 6px;
    }
    .preview {
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
      margin: var(--_space) 0;
    }
    .preview small {
      display: block;
    }
    .colors {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space) calc(var(--_space) * 3);
      align-items: start;
    }
    .field {
      display: grid;
      gap: 4px;
    }
    .field label {
      font-size: 0.85rem;
      font-weight: 600;
    }
    .field .controls {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      min-height: 36px;
    }
    ul.plain {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ul.plain li {
      padding: 6px 0;
      border-bottom: 1px solid var(--_border);
      font-size: 0.9rem;
    }
    .when {
      white-space: nowrap;
    }
    ul.changes {
      list-style: none;
      margin: 2px 0 0;
      padding: 0;
      color: var(--_fg-muted);
      font-size: 0.85rem;
    }
    ul.plain ul.changes li {
      padding: 0;
      border: 0;
      font-size: inherit;
    }
    .muted {
      color: var(--_fg-muted);
      font-size: 0.85rem;
    }
    /* As cards (cardRowsStyles): a section's pages are indented under it. */
    @container (max-width: 600px) {
      .cards tr.page {
        margin-inline-start: calc(var(--_space) * 2);
      }
      .cards tr.page td:first-child {
        padding-inline-start: 0;
      }
      .cards tr.section {
        background: color-mix(in srgb, var(--_bg-sunken) 60%, var(--_bg));
      }
      .cards tr.section td {
        background: none;
      }
      .cards tr.section td[data-label] {
        font-weight: normal;
      }
      form.bar select {
        max-width: 100%;
      }
    }
  `,
];
