// Not a README snippet: CI compiles this in the empty project against both installed packages'
// published types (scripts/first-hour.mjs), as a vendor's TypeScript backend would use them.
import { createBackend, nodeHandler, nodeServer, upsert, type Backend, type World } from '@portalkit/backend';
import { signLaunchToken, type LaunchKey } from 'portalkit/server';

export async function start(keys: LaunchKey[], world: World, signingKey: LaunchKey): Promise<string> {
  const backend: Backend = await createBackend({ keys, world, storage: 'memory' });
  nodeHandler(backend);
  nodeServer(backend).close();
  const { added } = await upsert(backend.storage, { contacts: [] });
  const response: Response = await backend.handle(
    new Request('http://localhost/api/session', { method: 'POST' }),
  );
  return `${added} ${response.status} ${await signLaunchToken({ iss: 'https://your-app.example', sub: 'k', portal: 'p', kind: 'external' }, signingKey)}`;
}
