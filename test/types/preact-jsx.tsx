// Type test (tsc -p test/types/tsconfig.preact.json): the bare tags in Preact JSX.
import type {} from '../../src/jsx/preact.js';

export const ok = (
  <pk-portal api-base="/api" token="t" routing="memory" onpk-ready={(event) => event.detail.user.id}>
    <pk-task-list page="pg-tasks" />
  </pk-portal>
);

// @ts-expect-error routing is 'memory' | 'hash'
export const bad = <pk-portal routing="sideways" />;
// @ts-expect-error pk-ready's detail has no `nope`
export const badEvent = <pk-portal onpk-ready={(event) => event.detail.nope} />;
