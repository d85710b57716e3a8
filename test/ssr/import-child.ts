// Child process of the SSR test: imports the modules named in its arguments in a fresh Node
// (no DOM), and prints what that changed — globals added, tags registered, any error — as JSON.
export {};

const before = new Set(Reflect.ownKeys(globalThis).map(String));
let error: string | null = null;
let rendered: string | null = null;
try {
  for (const specifier of process.argv.slice(2)) {
    const module = await import(specifier);
    // portalkit/react: rendered on the server, as Next.js would.
    if (specifier.endsWith('react/index.ts')) {
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      rendered = renderToString(
        createElement(module.PkPortal, { apiBase: '/api', token: 'secret.launch.token', theme: 'dark' }),
      );
    }
  }
} catch (caught) {
  error = String((caught as Error).stack ?? caught);
}
const added = Reflect.ownKeys(globalThis)
  .map(String)
  .filter((key) => !before.has(key))
  .sort();
const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
const registered = ['pk-portal', 'pk-page', 'pk-data-table'].filter((tag) => registry?.get(tag));
process.stdout.write(JSON.stringify({ added, registered, error, rendered }));
