// Type test (tsc -p test/types/tsconfig.solid.json): the bare tags in Solid JSX.
import type {} from '../../src/jsx/solid.js';

export const ok = (
  <pk-portal api-base="/api" token="t" routing="memory" on:pk-ready={(event) => event.detail.user.id}>
    <pk-file-area page="pg-files" />
  </pk-portal>
);

// @ts-expect-error routing is 'memory' | 'hash'
export const bad = <pk-portal routing="sideways" />;
