/**
 * Registers a tag once; a second registration (two bundles on one page) is skipped, not thrown.
 * The only place that calls customElements.define: the entries in src/elements/ call this, so
 * importing a component module never registers anything. Without a DOM (server rendering in
 * Node, where Lit installs a registry shim) nothing is registered: a portal renders only in a
 * browser, and an import on the server must change nothing.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof document === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
