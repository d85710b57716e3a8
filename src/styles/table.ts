import { css } from 'lit';

/** Plain data tables of the parts (picker, portfolio, settings, roles): one look, one place. */
export const tableStyles = css`
  .scroll {
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid var(--_border);
  }
  th {
    background: var(--_bg-sunken);
    font-weight: 600;
  }
`;
