import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  css`
    :host {
      font-size: 0.9rem;
    }
    ol {
      list-style: none;
      margin: 0 0 var(--_space);
      padding: 0;
      display: grid;
      gap: var(--_space);
    }
    .comment {
      background: var(--_bg-sunken);
      border-radius: var(--_radius);
      padding: 6px 10px;
    }
    .who {
      font-weight: 600;
      font-size: 0.8rem;
    }
    .when {
      color: var(--_fg-muted);
      font-size: 0.75rem;
      margin-inline-start: 6px;
    }
    .mention {
      display: inline-block;
      padding: 0 6px;
      border-radius: 999px;
      background: color-mix(in srgb, var(--_primary) 14%, var(--_bg));
      font-weight: 600;
      white-space: nowrap;
    }
    .body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 2px 0 0;
    }
    .composer {
      position: relative;
      display: grid;
      gap: 6px;
    }
    textarea {
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      padding: 6px 8px;
      min-height: 3.5rem;
      resize: vertical;
    }
    /* Opens under the caret, kept inside the composer when the caret is near its right edge. */
    [role='listbox'] {
      position: absolute;
      top: var(--_caret-top, 100%);
      left: clamp(0px, var(--_caret-left, 0px), 100% - 14rem);
      z-index: 2;
      margin: 2px 0 0;
      padding: 4px 0;
      list-style: none;
      width: 14rem;
      max-width: 100%;
      box-sizing: border-box;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 6px 16px rgb(0 0 0 / 0.15);
    }
    [role='option'] {
      padding: 4px 10px;
      cursor: pointer;
    }
    [role='option'][aria-selected='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .count {
      color: var(--_fg-muted);
      font-size: 0.8rem;
    }
    .count.over,
    .error {
      color: var(--_danger);
    }
    .count.over {
      font-weight: 600;
    }
    .muted {
      color: var(--_fg-muted);
    }
    label {
      font-weight: 600;
      font-size: 0.8rem;
    }
  `,
];
