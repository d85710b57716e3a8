// Type test: portalkit/react's wrappers take the element's properties and typed onPk… handlers.
import { PkDataTable, PkPortal } from '../../src/react/index.js';

export const ok = (
  <PkPortal
    apiBase="/api"
    token="launch-token"
    fetchToken={async () => 'next-token'}
    onPkReady={(event) => event.detail.portal.name}
    onPkSessionExpired={(event) => event.detail.message}
  >
    <PkDataTable page="pg-licenses" onPkRecordUpdate={(event) => event.detail.id} />
  </PkPortal>
);

// @ts-expect-error apiBase is a string
export const badProp = <PkPortal apiBase={42} />;
// @ts-expect-error pk-ready's detail has no `nope`
export const badEvent = <PkPortal onPkReady={(event) => event.detail.nope} />;
