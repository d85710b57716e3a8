// A React 19 host: portalkit/react's <PkPortal> with token renewal and a typed event handler.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PkPortal } from 'portalkit/react';

const fetchToken = async (): Promise<string> =>
  ((await (await fetch('/token', { method: 'POST' })).json()) as { token: string }).token;

// #region app
function App() {
  const [status, setStatus] = useState('Opening your portal…');
  const [token, setToken] = useState<string>();
  // The first token; later ones the portal asks for itself (fetchToken) before the session ends.
  useEffect(() => void fetchToken().then(setToken), []);
  return (
    <>
      <h1>Acme Cloud</h1>
      <p id="status" role="status">
        {status}
      </p>
      <PkPortal
        apiBase="/api"
        token={token}
        fetchToken={fetchToken}
        onPkReady={(event) => setStatus(`Signed in as ${event.detail.user.name}`)}
        onPkError={(event) => console.warn('portal:', event.detail.code, event.detail.hint)}
      />
    </>
  );
}
// #endregion

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
