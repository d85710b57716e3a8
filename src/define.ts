import { PkPage } from './components/page/page.js';
import { PkPortal } from './components/portal/portal.js';

/** Registers a tag once; a second registration (two bundles on one page) is skipped, not thrown. */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

/** Registers every portalkit element. */
export function defineAll(): void {
  define('pk-portal', PkPortal);
  define('pk-page', PkPage);
}

declare global {
  interface HTMLElementTagNameMap {
    'pk-portal': PkPortal;
    'pk-page': PkPage;
  }
}
