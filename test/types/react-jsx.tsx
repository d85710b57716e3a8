// Type test (tsc -p test/types/tsconfig.react.json): the bare tags in React 19 JSX.
import type {} from '../../src/jsx/react.js';

export const ok = (
  <pk-portal
    api-base="/api"
    token="launch-token"
    fetchToken={async () => 'next-token'}
    routing="hash"
    onpk-ready={(event) => event.detail.user.name.toUpperCase()}
    onpk-error={(event) => event.detail.code}
  >
    <pk-data-table page="pg-licenses" onpk-record-update={(event) => event.detail.fields} />
  </pk-portal>
);

// @ts-expect-error routing is 'memory' | 'hash'
export const badRouting = <pk-portal routing="sideways" />;
// @ts-expect-error pk-ready's detail has no `nope`
export const badEvent = <pk-portal onpk-ready={(event) => event.detail.nope} />;
