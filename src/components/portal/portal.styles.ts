import { css } from 'lit';
import { focusRing, srOnly, tokens } from '../../styles/tokens.js';

/**
 * Dark values of the colour tokens; each can be set by the host through its `-dark` property.
 * `color-scheme` draws native controls (progress tracks, date pickers, scrollbars) dark too.
 */
const dark = css`
  color-scheme: dark;
  --pk-color-text: var(--pk-color-text-dark, #e6e8eb);
  --pk-color-text-muted: var(--pk-color-text-muted-dark, #a5adb8);
  --pk-color-surface: var(--pk-color-surface-dark, #16191d);
  --pk-color-surface-sunken: var(--pk-color-surface-sunken-dark, #22262b);
  --pk-color-border: var(--pk-color-border-dark, #353b42);
  --pk-color-danger: var(--pk-color-danger-dark, #ff8a80);
  --pk-color-focus: var(--pk-color-focus-dark, #8ab4ff);
  --_fg: var(--pk-color-text);
  --_fg-muted: var(--pk-color-text-muted);
  --_bg: var(--pk-color-surface);
  --_bg-sunken: var(--pk-color-surface-sunken);
  --_border: var(--pk-color-border);
  --_danger: var(--pk-color-danger);
  --_focus: var(--pk-color-focus);
`;

// In the header, focus rings sit on the brand colour: drawn in its readable colour (≥ 4.5:1,
// past the 3:1 a focus indicator needs, whatever the brand).
export const styles = [
  tokens,
  focusRing,
  srOnly,
  css`
    :host {
      display: block;
      container-type: inline-size;
      container-name: pk-portal;
      min-height: 12rem;
    }
    :host([hidden]) {
      display: none;
    }
    [part='base'] {
      background: var(--_bg);
      color: var(--_fg);
      font-family: var(--_font);
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      overflow: hidden;
      min-height: inherit;
    }
    /* Dark: the parts read --pk-color-*, so dark values are set here for everything inside. */
    :host([theme='dark']) [part='base']:not([data-mode='light']),
    [part='base'][data-mode='dark'] {
      ${dark}
    }
    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light'])) [part='base']:not([data-mode='light']) {
        ${dark}
      }
    }
    .skip {
      position: absolute;
      left: -10000px;
    }
    .skip:focus {
      position: static;
      display: inline-block;
      margin: var(--_space);
    }
    [part='banner'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      justify-content: space-between;
      padding: var(--_space) calc(var(--_space) * 2);
      background: #fff4d6;
      color: #3d2c00;
      font-size: 0.9rem;
    }
    [part='header'] {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 1.5);
      padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
      background: var(--_primary);
      color: var(--_on-primary);
      --_focus: var(--_on-primary);
    }
    [part='header'] img {
      width: 28px;
      height: 28px;
      border-radius: 6px;
      background: #fff;
      padding: 2px;
    }
    .title {
      display: grid;
      min-width: 0;
      flex: 1;
    }
    .title strong {
      font-size: 1.05rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    /* Full on-primary colour: every text on the brand colour keeps its contrast (no fading). */
    .title span {
      font-size: 0.8rem;
    }
    .user {
      display: flex;
      align-items: center;
      gap: var(--_space);
      font-size: 0.9rem;
    }
    button {
      font: inherit;
      padding: 4px 12px;
      border-radius: var(--_radius);
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
      min-height: 32px;
    }
    .menu-toggle {
      display: none;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(12rem, 16rem) 1fr;
      min-height: 20rem;
    }
    [part='nav'] {
      border-inline-end: 1px solid var(--_border);
      background: var(--_bg-sunken);
      padding: var(--_space) 0;
    }
    [part='nav'] h2 {
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--_fg-muted);
      margin: calc(var(--_space) * 1.5) calc(var(--_space) * 2) calc(var(--_space) / 2);
    }
    [part='nav'] ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    [part='nav'] button {
      display: block;
      width: 100%;
      text-align: start;
      border: 0;
      border-radius: 0;
      border-inline-start: 3px solid transparent;
      padding: 8px calc(var(--_space) * 2);
      color: var(--_fg);
    }
    [part='nav'] button:hover {
      background: var(--_bg);
    }
    [part='nav'] button[aria-current='page'] {
      border-inline-start-color: var(--_primary);
      background: var(--_bg);
      font-weight: 600;
    }
    [part='body'] {
      padding: calc(var(--_space) * 2.5);
      min-width: 0;
      outline: none;
    }
    [part='status'] {
      display: grid;
      place-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 4);
      text-align: center;
      color: var(--_fg-muted);
    }
    [part='status'] button {
      color: var(--_fg);
    }
    .error-title {
      color: var(--_fg);
      font-weight: 600;
      margin: 0;
    }
    .code {
      font-family: ui-monospace, monospace;
      font-size: 0.8rem;
    }
    .skeleton {
      width: min(24rem, 100%);
      height: 0.9rem;
      border-radius: 4px;
      background: linear-gradient(90deg, var(--_bg-sunken), var(--_border), var(--_bg-sunken));
      background-size: 200% 100%;
      animation: pk-shimmer 1.2s ease-in-out infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .skeleton {
        animation: none;
      }
    }
    @keyframes pk-shimmer {
      to {
        background-position: -200% 0;
      }
    }
    /* The portal lives inside someone else's layout: respond to its own width, not the viewport. */
    @container pk-portal (max-width: 640px) {
      .menu-toggle {
        display: inline-block;
      }
      /* Logo and name on the first row, Menu and Sign out on the second. */
      [part='header'] {
        flex-wrap: wrap;
      }
      .title {
        flex: 1 1 calc(100% - 48px);
      }
      .title strong {
        white-space: normal;
      }
      .user {
        margin-inline-start: auto;
      }
      .user .name {
        display: none;
      }
      .layout {
        grid-template-columns: 1fr;
      }
      [part='nav'] {
        display: none;
        border-inline-end: 0;
        border-bottom: 1px solid var(--_border);
      }
      [part='nav'].open {
        display: block;
      }
      [part='body'] {
        padding: calc(var(--_space) * 1.5);
      }
    }
  `,
];
