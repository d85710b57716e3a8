// Importing portalkit on a server (Node, no DOM: Next.js, Remix, Astro) throws nothing, registers
// nothing and adds no global beyond what Lit, zod and React add on their own; the React wrapper
// renders to its bare tag on the server (#15).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

interface ImportResult {
  added: string[];
  registered: string[];
  error: string | null;
  rendered: string | null;
}
function importInFreshNode(...specifiers: string[]): ImportResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, ...specifiers], { encoding: 'utf8' });
  return JSON.parse(out) as ImportResult;
}

describe('server-side imports (SSR)', () => {
  // What the libraries we build on add to globalThis in Node by themselves.
  const baseline = new Set(importInFreshNode('lit', '@lit/react', 'react', 'zod').added);

  for (const [entry, path] of [
    ['portalkit', 'portalkit.ts'],
    ['portalkit/classes', 'index.ts'],
    ['portalkit/react', 'react/index.ts'],
  ] as const)
    it(`${entry}: throws nothing, registers nothing, adds no global of its own`, () => {
      const result = importInFreshNode(src(path));
      assert.equal(result.error, null);
      assert.deepEqual(result.registered, []);
      assert.deepEqual(
        result.added.filter((key) => !baseline.has(key)),
        [],
        `globals added by ${entry} beyond Lit's, zod's and React's`,
      );
    });

  it('portalkit/react renders the bare tag with react-dom/server: no properties, no token', () => {
    const { error, rendered } = importInFreshNode(src('react/index.ts'));
    assert.equal(error, null);
    assert.match(rendered!, /^<pk-portal[\s>]/);
    assert.ok(!rendered!.includes('secret.launch.token'), rendered!);
  });
});
