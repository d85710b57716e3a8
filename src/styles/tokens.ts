import { css } from 'lit';

/**
 * Global design tokens. Every value is a `--pk-*` custom property the host can set
 * on `pk-portal` (or any ancestor); per-portal brand colours from the backend are
 * applied on top of these defaults. `--_control-border`, the edge of inputs, lists and text
 * areas, reaches 3:1 on the surface (WCAG 1.4.11) in light and dark alike; other lines keep
 * `--_border`.
 */
export const tokens = css`
  :host {
    --_font: var(--pk-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--pk-radius, 8px);
    --_space: var(--pk-space, 8px);
    --_fg: var(--pk-color-text, #1c2024);
    --_fg-muted: var(--pk-color-text-muted, #5b6470);
    --_bg: var(--pk-color-surface, #ffffff);
    --_bg-sunken: var(--pk-color-surface-sunken, #f4f5f7);
    --_border: var(--pk-color-border, #d9dde3);
    --_control-border: var(--pk-color-control-border, color-mix(in srgb, var(--_fg-muted) 75%, var(--_bg)));
    --_primary: var(--pk-color-primary, #3451b2);
    --_on-primary: var(--pk-color-on-primary, #ffffff);
    --_danger: var(--pk-color-danger, #b42318);
    --_focus: var(--pk-color-focus, #3451b2);
    font-family: var(--_font);
    color: var(--_fg);
  }
`;

/** Visible focus ring for keyboard users only. */
export const focusRing = css`
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;

/** Hidden visually, still read by screen readers. */
export const srOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
