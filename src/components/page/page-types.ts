import { html, type TemplateResult } from 'lit';
import type { PagePayload, PageType } from '../../contract/schemas.js';

/**
 * Page types drawn by their own part, loaded on first use so the shell stays small.
 * Adding a page type is one entry here (a type without one shows a placeholder).
 */
const dashboard = {
  load: () => import('../../elements/pk-dashboard.js'),
  render: (page: PagePayload, locale: string) =>
    html`<pk-dashboard page=${page.id} .payload=${page} locale=${locale}></pk-dashboard>`,
};

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
  dashboard,
  presentation: dashboard,
  goals: dashboard,
  html: {
    load: () => import('../../elements/pk-html-page.js'),
    render: (page) => html`<pk-html-page page=${page.id} .payload=${page}></pk-html-page>`,
  },
  people: {
    load: () => import('../../elements/pk-contacts.js'),
    render: () => html`<pk-contacts></pk-contacts>`,
  },
  document: {
    load: () => import('../../elements/pk-document.js'),
    render: (page, locale) =>
      html`<pk-document page=${page.id} .payload=${page} locale=${locale}></pk-document>`,
  },
  files: {
    load: () => import('../../elements/pk-file-area.js'),
    render: (page, locale) => html`<pk-file-area page=${page.id} locale=${locale}></pk-file-area>`,
  },
  settings: {
    load: () => import('../../elements/pk-portal-settings.js'),
    render: (page, locale) =>
      html`<pk-portal-settings access=${page.access} locale=${locale}></pk-portal-settings>`,
  },
  roles: {
    load: () => import('../../elements/pk-external-roles.js'),
    render: (_page, locale) => html`<pk-external-roles locale=${locale}></pk-external-roles>`,
  },
  tasks: {
    load: () => import('../../elements/pk-task-list.js'),
    render: (page, locale) => html`<pk-task-list page=${page.id} locale=${locale}></pk-task-list>`,
  },
};
