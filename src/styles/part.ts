import { css } from 'lit';
import { controls } from './controls.js';
import { focusRing, srOnly, tokens } from './tokens.js';

/** What every part starts from: tokens, focus ring, screen-reader text, controls, a block host. */
export const partStyles = [
  tokens,
  focusRing,
  srOnly,
  controls,
  css`
    :host {
      display: block;
    }
  `,
];
