import { html, type TemplateResult } from 'lit';
import type { PagePayload, PageType } from '../../contract/schemas.js';

/**
 * Page types drawn by their own part, loaded on first use so the shell stays small.
 * Adding a page type is one entry here (types without one fall back to pk-page's own
 * renderers or a placeholder).
 */
export const PAGE_PARTS: Partial<
  Record<
    PageType,
    { load: () => Promise<unknown>; render: (page: PagePayload, locale: string) => TemplateResult }
  >
> = {
  table: {
    load: () => import('../../elements/pk-data-table.js'),
    render: (page, locale) =>
      html`<pk-data-table page=${page.id} .payload=${page} locale=${locale}></pk-data-table>`,
  },
  document: {
    load: () => import('../../elements/pk-document.js'),
    render: (page, locale) =>
      html`<pk-document page=${page.id} .payload=${page} locale=${locale}></pk-document>`,
  },
  files: {
    load: () => import('../../elements/pk-file-area.js'),
    render: (_page, locale) => html`<pk-file-area locale=${locale}></pk-file-area>`,
  },
  tasks: {
    load: () => import('../../elements/pk-task-list.js'),
    render: (_page, locale) => html`<pk-task-list locale=${locale}></pk-task-list>`,
  },
};
