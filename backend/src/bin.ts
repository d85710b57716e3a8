#!/usr/bin/env node
// `npx portalkit-backend --keys portal-verify-keys.json [--world world.json] [--port 8787]`:
// portalkit/backend as its own process, on PGlite (./.portalkit-data) or DATABASE_URL.
import { main } from './cli.js';

await main(process.argv.slice(2), { name: 'portalkit-backend' });
