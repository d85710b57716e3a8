import { css } from 'lit';
import { noticeStyles } from '../../internal/notice.js';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  noticeStyles,
  css`
    :host {
      container-type: inline-size;
    }
    .drop {
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2);
      text-align: center;
      color: var(--_fg-muted);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .drop.over {
      border-color: var(--_primary);
      background: color-mix(in srgb, var(--_primary) 8%, transparent);
    }
    .limits {
      font-size: 0.8rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    li + li {
      border-top: 1px solid var(--_border);
    }
    .file,
    .upload {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: var(--_space);
      align-items: center;
      padding: 8px 10px;
    }
    .icon {
      width: 32px;
      height: 32px;
      border-radius: 6px;
      display: grid;
      place-items: center;
      font-size: 0.65rem;
      font-weight: 700;
      background: var(--_bg-sunken);
      border: 1px solid var(--_border);
    }
    .name {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .meta {
      font-size: 0.8rem;
      color: var(--_fg-muted);
    }
    .actions {
      display: flex;
      gap: 4px;
      flex-wrap: wrap;
      justify-content: flex-end;
    }
    /* Narrow: several actions fold into one menu so file names keep their width. */
    .more {
      display: none;
      position: relative;
    }
    .more summary {
      list-style: none;
      cursor: pointer;
      padding: 4px 12px;
      min-height: 32px;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .more summary::-webkit-details-marker {
      display: none;
    }
    .more summary::after {
      content: '▾';
      margin-inline-start: 6px;
    }
    .more .menu {
      position: absolute;
      inset-inline-end: 0;
      top: calc(100% + 4px);
      z-index: 2;
      display: grid;
      gap: 4px;
      min-width: 9rem;
      padding: 6px;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.15);
    }
    @container (max-width: 520px) {
      .file:has(.more) .actions {
        display: none;
      }
      .more {
        display: block;
      }
    }
    progress {
      width: 100%;
      accent-color: var(--_primary);
    }
    .uploads {
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .error {
      color: var(--_danger);
      font-size: 0.85rem;
    }
    .note {
      padding: var(--_space) calc(var(--_space) * 1.5);
      background: var(--_bg-sunken);
      border-radius: var(--_radius);
      margin-bottom: var(--_space);
      font-size: 0.9rem;
    }
  `,
];
