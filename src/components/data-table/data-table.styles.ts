import { css } from 'lit';
import { noticeStyles } from '../../internal/notice.js';
import { partStyles } from '../../styles/part.js';

/**
 * The table's styles. (Notes live here, not in the CSS: comments inside `css` are shipped.)
 * - `--_row-height` must match ROW_HEIGHT in data-table.ts.
 * - Long text in a cell ends in an ellipsis and never widens its column (the title holds all of it).
 * - A number column's header text ends where its numbers end: 6px of the button and 4px of the
 *   header, as the cells' 10px.
 */
export const styles = [
  ...partStyles,
  noticeStyles,
  css`
    :host {
      --_row-height: 36px;
    }
    .toolbar .count {
      color: var(--_fg-muted);
      font-size: 0.85rem;
      margin-inline-end: auto;
    }
    .scroll {
      height: var(--pk-data-table-height, min(60vh, 32rem));
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      position: relative;
      contain: strict;
    }
    [role='grid'] {
      min-width: max-content;
      font-size: 0.9rem;
    }
    .body {
      position: relative;
    }
    .body [role='row'] {
      position: absolute;
      top: 0;
      left: 0;
    }
    [role='row'] {
      display: grid;
      grid-template-columns: var(--_cols);
      height: var(--_row-height);
      align-items: stretch;
      border-bottom: 1px solid var(--_border);
      box-sizing: border-box;
      width: 100%;
    }
    .head {
      position: sticky;
      top: 0;
      z-index: 1;
      background: var(--_bg-sunken);
      font-weight: 600;
    }
    [role='columnheader'] {
      position: relative;
      display: flex;
      align-items: center;
      padding: 0 4px 0 0;
      overflow: hidden;
    }
    [role='columnheader'] button {
      border: 0;
      background: transparent;
      font-weight: 600;
      width: 100%;
      text-align: start;
      padding: 0 10px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    [role='columnheader'].number button {
      text-align: end;
      padding-inline-end: 6px;
    }
    .resize {
      position: absolute;
      inset-inline-end: 0;
      top: 4px;
      bottom: 4px;
      width: 6px;
      cursor: col-resize;
      border-inline-end: 2px solid var(--_border);
      touch-action: none;
    }
    [role='gridcell'] {
      padding: 0 10px;
      display: flex;
      align-items: center;
      overflow: hidden;
      min-width: 0;
    }
    [role='gridcell'] .text {
      flex: 1 1 0;
      min-width: 0;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      contain: inline-size;
    }
    [role='gridcell'].number .text {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    [role='gridcell'].editable {
      cursor: text;
    }
    [role='gridcell'].saving {
      color: var(--_fg-muted);
      font-style: italic;
    }
    [role='gridcell'].failed {
      box-shadow: inset 0 0 0 2px var(--_danger);
    }
    [role='gridcell']:focus-visible,
    [role='gridcell']:focus {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    [role='row'][aria-selected='true'] {
      background: color-mix(in srgb, var(--_primary) 10%, transparent);
    }
    [role='gridcell'] :is(input, select, textarea) {
      width: 100%;
      min-height: 28px;
      padding: 2px 6px;
    }
    [role='gridcell'] textarea {
      height: 28px;
      resize: none;
    }
    .loading-cell {
      height: 0.8rem;
      width: 70%;
      border-radius: 4px;
      background: var(--_bg-sunken);
    }
    .empty {
      padding: calc(var(--_space) * 3);
      text-align: center;
      color: var(--_fg-muted);
    }
  `,
];
