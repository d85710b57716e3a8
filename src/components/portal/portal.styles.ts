import { css } from 'lit';
import { focusRing, srOnly, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  focusRing,
  srOnly,
  css`
    :host {
      display: block;
      container-type: inline-size;
      background: var(--_bg);
      border-radius: var(--_radius);
      min-height: 12rem;
    }
    :host([hidden]) {
      display: none;
    }
    [part='status'] {
      display: grid;
      place-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 4);
      text-align: center;
      color: var(--_fg-muted);
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
  `,
];
