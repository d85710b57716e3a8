#!/usr/bin/env node
// `npx portalkit keygen [--kid <id>] [--out <folder>]`: a new ES256 key pair for launch tokens.
//   portal-signing-key.json  the private JWK: your backend signs with it (keep it out of git)
//   portal-verify-keys.json  the public JWKS: the portal backend verifies with it
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLaunchKeyPair } from './index.js';

const USAGE = 'usage: portalkit keygen [--kid <id>] [--out <folder>]';

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}

/** Bad usage: the problem and the usage, exit 2. */
function fail(message: string): never {
  console.error(`portalkit: ${message}\n${USAGE}`);
  process.exit(2);
}

const [command, ...args] = process.argv.slice(2);
if (command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE);
} else if (command !== 'keygen') {
  fail(command ? `unknown command ${command}` : 'which command?');
} else {
  const known = new Set(['--kid', '--out']);
  for (const [i, arg] of args.entries())
    if (arg.startsWith('--') && !known.has(arg)) fail(`unknown flag ${arg}`);
    else if (!arg.startsWith('--') && !known.has(args[i - 1] ?? '')) fail(`unexpected ${arg}`);
  const out = flag(args, '--out') ?? '.';
  const { privateJwk, publicJwk } = await generateLaunchKeyPair(flag(args, '--kid'));
  const signing = join(out, 'portal-signing-key.json');
  const verify = join(out, 'portal-verify-keys.json');
  for (const file of [signing, verify])
    if (existsSync(file)) {
      console.error(`portalkit: ${file} exists already: keep it, or move it away to make a new pair`);
      process.exit(1);
    }
  mkdirSync(out, { recursive: true });
  writeFileSync(signing, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(verify, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`);
  console.log(
    [
      `portalkit: a new ES256 key pair, kid ${privateJwk.kid}`,
      `  ${signing}  private: your backend signs launch tokens with it — keep it secret, out of git`,
      `  ${verify}  public: the portal backend verifies with it (portalkit-backend --keys ${verify})`,
      'To rotate later: make a new pair with another --kid and list both public keys until old tokens are gone.',
    ].join('\n'),
  );
}
