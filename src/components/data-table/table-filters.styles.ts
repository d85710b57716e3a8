import { css } from 'lit';
import { partStyles } from '../../styles/part.js';

/**
 * The filters' styles. (Notes live here, not in the CSS: comments inside `css` are shipped.)
 * - Its controls sit in the table's toolbar (`display: contents`); the panel takes a line of its
 *   own below it.
 * - A from/to pair (`.range`) takes two filter columns, so dates show in full ("mm/dd/yyyy").
 */
export const styles = [
  ...partStyles,
  css`
    :host {
      display: contents;
    }
    .filters-toggle .badge {
      display: inline-block;
      min-width: 1.25em;
      margin-inline-start: 6px;
      padding: 0 5px;
      border-radius: 999px;
      background: var(--_primary);
      color: var(--_on-primary);
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 1.5;
      text-align: center;
    }
    .filters {
      order: 1;
      flex: 1 0 100%;
      box-sizing: border-box;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(13rem, 45%), 1fr));
      gap: var(--_space);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg-sunken);
    }
    .filters label {
      display: grid;
      gap: 2px;
      font-size: 0.8rem;
      color: var(--_fg-muted);
    }
    .range {
      grid-column: span 2;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      border: 0;
      padding: 0;
      margin: 0;
      min-width: 0;
    }
    .range label {
      flex: 1 1 10rem;
    }
    .range input {
      width: 100%;
      min-width: 10rem;
    }
  `,
];
