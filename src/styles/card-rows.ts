import { css } from 'lit';

/**
 * A `.cards` table in a container narrower than 600 px: each row a card, each cell a line
 * "header: value" (the header from the cell's `data-label`, drawn by CSS and silent for assistive
 * technology, which hears the real column header) — nothing scrolls sideways. The table keeps
 * explicit ARIA roles, since changing how table parts display may drop their table semantics.
 * The host sets `container-type: inline-size`.
 */
export const cardRowsStyles = css`
  @container (max-width: 600px) {
    .cards {
      overflow: visible;
      border: 0;
    }
    .cards table,
    .cards tbody,
    .cards tr,
    .cards td {
      display: block;
    }
    .cards thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .cards tbody tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 4px 12px;
      margin-bottom: var(--_space);
    }
    .cards td {
      border: 0;
      padding: 6px 0;
      white-space: normal;
      text-align: start;
    }
    .cards td:first-child:not([data-label]) {
      font-weight: 600;
    }
    .cards td[data-label] {
      display: grid;
      grid-template-columns: minmax(6rem, 40%) minmax(0, 1fr);
      gap: var(--_space);
      align-items: center;
      justify-items: start;
      text-align: start;
    }
    .cards td[data-label]::before {
      content: attr(data-label) / '';
      color: var(--_fg-muted);
      font-size: 0.85rem;
    }
    .cards td select {
      max-width: 100%;
    }
  }
`;
