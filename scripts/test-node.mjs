// Runs the Node-only tests (test/**/*.node.test.ts: the standalone mock server, portalkit/server
// file loading) with node:test. Node 20's --test takes no globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const find = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? find(join(dir, d.name)) : d.name.endsWith('.node.test.ts') ? [join(dir, d.name)] : [],
  );
const files = find('test');
if (files.length === 0) {
  console.log('test:node: no Node-only tests');
  process.exit(0);
}
const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit' });
process.exit(status ?? 1);
