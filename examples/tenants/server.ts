// Several tenants (vendors) on one database behind one server: README "Tenants". Run by
// test/examples/tenants.node.test.ts against the source (in your project: '@portalkit/backend').
import { createTenants, nodeServer, type LaunchKey, type World } from '../../backend/src/index.js';

export async function serveTenants(
  acme: { keys: LaunchKey[]; world: World },
  globex: { keys: LaunchKey[]; world: World },
  port = 8787,
) {
  const [acmeVerifyKeys, acmeWorld, globexVerifyKeys, globexWorld] = [
    acme.keys,
    acme.world,
    globex.keys,
    globex.world,
  ];
  // #region tenants
  const tenants = await createTenants({
    // One database for every tenant: a PostgreSQL server, or one PGlite folder.
    storage: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dir: 'portal-data' },
    tenants: [
      { id: 'acme', keys: acmeVerifyKeys, world: acmeWorld }, // imported when the tenant has none yet
      { id: 'globex', keys: globexVerifyKeys, world: globexWorld },
    ],
  });
  const server = nodeServer(tenants).listen(port);
  // #endregion
  return { tenants, server };
}
