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
    .toolbar {
      margin-bottom: calc(var(--_space) * 2);
    }
    .toolbar fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 4px;
    }
    .toolbar legend {
      float: left;
      margin-inline-end: 6px;
      color: var(--_fg-muted);
      font-size: 0.85rem;
      padding-top: 5px;
    }
    button[aria-pressed='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
      border-color: var(--_primary);
    }
    .workflow {
      margin-bottom: calc(var(--_space) * 3);
    }
    .workflow h3 {
      margin: 0 0 4px;
      font-size: 1.1rem;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: var(--_space);
      color: var(--_fg-muted);
      font-size: 0.85rem;
      margin-bottom: var(--_space);
    }
    progress {
      width: min(16rem, 50%);
      accent-color: var(--_primary);
    }
    h4 {
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--_fg-muted);
      margin: calc(var(--_space) * 1.5) 0 4px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    li.task + li.task {
      border-top: 1px solid var(--_border);
    }
    .row {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: var(--_space);
      align-items: center;
      padding: 8px 10px;
    }
    .check {
      width: 28px;
      height: 28px;
      min-height: 28px;
      padding: 0;
      border-radius: 50%;
      display: grid;
      place-items: center;
    }
    .check[aria-checked='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
      border-color: var(--_primary);
    }
    /* View only: no fill, a dashed ring and muted colours, so it does not read as clickable. */
    .check:disabled,
    .check[aria-checked='true']:disabled {
      opacity: 1;
      background: var(--_bg-sunken);
      color: var(--_fg-muted);
      border: 1px dashed var(--_fg-muted);
    }
    .title {
      font-weight: 500;
    }
    .done .title {
      text-decoration: line-through;
      color: var(--_fg-muted);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font-size: 0.8rem;
      color: var(--_fg-muted);
      margin-top: 2px;
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      width: 20px;
      height: 20px;
      border-radius: 50%;
      background: var(--_bg-sunken);
      border: 1px solid var(--_border);
      font-size: 0.65rem;
      font-weight: 700;
      margin-inline-end: 4px;
    }
    .overdue {
      color: var(--_danger);
      font-weight: 600;
    }
    .task .notice {
      margin: 0 10px 8px;
      font-size: 0.85rem;
    }
    .pending {
      margin: 0 10px 8px;
      font-size: 0.85rem;
      color: var(--_fg-muted);
    }
    .staff {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      padding: 0 10px 8px 46px;
      font-size: 0.85rem;
    }
    .assign {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2);
      align-items: center;
      margin: 0;
    }
    .readonly {
      padding: var(--_space) calc(var(--_space) * 1.5);
      background: var(--_bg-sunken);
      border-radius: var(--_radius);
      margin-bottom: calc(var(--_space) * 1.5);
      font-size: 0.9rem;
    }
    .empty,
    .error {
      padding: calc(var(--_space) * 3);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_fg-muted);
      text-align: center;
    }
    .error {
      color: var(--_danger);
      border-style: solid;
      border-color: var(--_danger);
    }
    .skeleton {
      height: 2.5rem;
      margin: 6px 0;
      border-radius: var(--_radius);
      background: var(--_bg-sunken);
    }
    pk-task-comments {
      padding: 0 10px 10px 46px;
    }
    @container (max-width: 480px) {
      .row {
        grid-template-columns: auto 1fr;
      }
      .row > :last-child {
        grid-column: 2;
      }
      .staff,
      pk-task-comments {
        padding-inline-start: 10px;
      }
    }
  `,
];
