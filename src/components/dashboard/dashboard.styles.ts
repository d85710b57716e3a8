import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

export const styles = [
  ...partStyles,
  css`
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
      margin: 0;
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
    /* The track takes the theme's sunken surface (never a fixed light grey), the bar the brand
       colour mixed toward the text colour so it stands out on light and dark surfaces alike. */
    .bar .track {
      display: block;
      height: 8px;
      border-radius: 4px;
      background: var(--_bg-sunken);
      box-shadow: inset 0 0 0 1px var(--_border);
      overflow: hidden;
    }
    .bar .fill {
      display: block;
      height: 100%;
      min-width: 2px;
      background: color-mix(in srgb, var(--_primary) 75%, var(--_fg));
      border-radius: 4px;
    }
  `,
];
