import type { Bootstrap, PageType } from '../contract/schemas.js';

/**
 * The page a part writes through: the one it was given, else the first page of its type in the
 * session's navigation (a part placed on its own). Undefined when the person cannot reach one.
 */
export function partPage(session: Bootstrap | undefined, pageId: string, type: PageType) {
  const pages = session?.navigation.flatMap((section) => section.pages) ?? [];
  return pages.find((p) => (pageId ? p.id === pageId : p.type === type));
}
