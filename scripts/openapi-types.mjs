// Writes openapi.json, then a TypeScript client type from it with openapi-typescript, so the
// type check proves the document and our own contract types agree (test/contract/generated-client.ts).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (status !== 0) process.exit(status ?? 1);
};
run(process.execPath, ['--import', 'tsx', 'scripts/openapi.ts']);
run(process.execPath, [
  'node_modules/openapi-typescript/bin/cli.js',
  'openapi.json',
  '-o',
  'test/contract/generated/openapi.d.ts',
  '--silent',
]);
