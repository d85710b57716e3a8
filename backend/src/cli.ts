// The standalone backend's command line, shared by `npx portalkit-backend` (bin.ts: the vendor's
// keys, their world) and `npm run mock` (serve.ts: the development keys and the demo world).
// Every failure is one clear line and a non-zero exit; a start prints where it listens, the
// storage it uses (never a password) and the world it serves.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { LaunchKey } from '../../src/shared/launch-token.js';
import type { World } from './world/schema.js';
import { nodeHandler, serverFor } from './adapters/node.js';
import { createBackend, DEFAULT_DATA_DIR, loadWorldFile, type StorageSpec } from './index.js';
import { DEFAULT_TENANT, TENANT_ID } from './ports/storage.js';

export interface CliSetup {
  /** The command's name in messages. */
  name: string;
  /** Verification keys when no `--keys` is given (the demo's); without them `--keys` is required. */
  keys?: LaunchKey[];
  /** The world to start an empty storage with when no `--world` is given. */
  world?: () => World;
  /** What that world is called in the start line. */
  worldName?: string;
  /** PGlite's folder when neither `--data-dir` nor DATABASE_URL is given. */
  dataDir?: string;
  /** Wraps the request listener (the demo's CORS for a local host page). */
  wrap?: (handle: ReturnType<typeof nodeHandler>) => Parameters<typeof createServer>[1];
}

const FLAGS = {
  '--port': 'port to listen on (default: PORT, else 8787; 0 picks a free one)',
  '--host': 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
  '--keys': 'JSON file of verification keys: a JWKS { keys: [...] } (npx portalkit keygen writes one)',
  '--world': 'world file imported when the storage holds no data yet',
  '--replace': 'with --world: replace what the storage holds (every session ends)',
  '--memory': 'keep everything in memory (needs a world; gone when the process ends)',
  '--data-dir': `PGlite's folder (default ${DEFAULT_DATA_DIR}); DATABASE_URL selects a PostgreSQL server instead`,
  '--tenant': `the tenant whose data this is, in a database several share (default ${DEFAULT_TENANT})`,
  '--help': 'this text',
} as const;
const TAKES_VALUE = new Set(['--port', '--host', '--keys', '--world', '--data-dir', '--tenant']);

export class CliError extends Error {}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function usage(name: string): string {
  return [
    `usage: ${name} [flags]`,
    ...Object.entries(FLAGS).map(([flag, what]) => `  ${flag.padEnd(11)} ${what}`),
    'environment: DATABASE_URL (a PostgreSQL server), PORT, PORTALKIT_VERIFY_KEYS (keys as JSON, instead of --keys), PORTALKIT_PREPARED_STATEMENTS=off (behind a pooler without them), PORTALKIT_DB_POOL_SIZE (connections per instance, default 10)',
  ].join('\n');
}

/** The flags as given: unknown ones, missing values and bad numbers are CliErrors. */
export function parseFlags(argv: readonly string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (!(flag in FLAGS))
      throw new CliError(arg.startsWith('-') ? `unknown flag ${flag}` : `unexpected argument ${arg}`);
    if (!TAKES_VALUE.has(flag)) {
      flags.set(flag, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
      throw new CliError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  if (flags.has('--port') && !/^\d{1,5}$/.test(String(flags.get('--port'))))
    throw new CliError(`--port must be a number, got ${String(flags.get('--port'))}`);
  if (flags.has('--replace') && !flags.has('--world')) throw new CliError('--replace needs --world <file>');
  return flags;
}

function readKeys(flags: Map<string, string | true>, setup: CliSetup): unknown {
  const file = flags.get('--keys');
  if (typeof file === 'string') {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read keys from ${file}: ${(error as Error).message}`);
    }
  }
  if (process.env.PORTALKIT_VERIFY_KEYS) {
    try {
      return JSON.parse(process.env.PORTALKIT_VERIFY_KEYS);
    } catch (error) {
      throw new CliError(`PORTALKIT_VERIFY_KEYS is not JSON: ${(error as Error).message}`);
    }
  }
  if (setup.keys) return setup.keys;
  throw new CliError(
    'no verification keys: pass --keys portal-verify-keys.json (make a pair with npx portalkit keygen)',
  );
}

/** Where the data lives, for the start line: never a password. */
function describeStorage(memory: boolean, url: string | undefined, dir: string): string {
  if (memory) return 'in memory (nothing is kept when the process ends)';
  if (url) {
    try {
      const u = new URL(url);
      return `PostgreSQL server ${u.hostname}:${u.port || 5432}${u.pathname}${u.username ? ` as ${decodeURIComponent(u.username)}` : ''}`;
    } catch {
      throw new CliError('DATABASE_URL is not a URL (postgres://user:password@host:5432/database)');
    }
  }
  return `PGlite in ${resolve(dir)}`;
}

/** Starts the backend as `argv` says; resolves once it listens. Throws a CliError for what the user can fix. */
export async function runBackend(
  argv: readonly string[],
  setup: CliSetup,
): Promise<Server & { url: string }> {
  const flags = parseFlags(argv);
  const memory = flags.has('--memory');
  const url = memory ? undefined : process.env.DATABASE_URL || undefined;
  if (url && flags.has('--data-dir'))
    throw new CliError('--data-dir is for PGlite: unset DATABASE_URL to use it');
  const dir = String(flags.get('--data-dir') ?? setup.dataDir ?? DEFAULT_DATA_DIR);
  const worldFile = flags.get('--world') as string | undefined;
  let world: World | undefined;
  try {
    world = worldFile ? loadWorldFile(worldFile) : setup.world?.();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (memory && !world) throw new CliError('--memory needs a world: pass --world <file>');
  const tenantId = flags.get('--tenant') as string | undefined;
  if (tenantId !== undefined && memory) throw new CliError('--tenant is for a database: leave out --memory');
  if (tenantId !== undefined && !TENANT_ID.test(tenantId))
    throw new CliError(`--tenant must be 1–63 letters, digits, "-" or "_", got ${JSON.stringify(tenantId)}`);
  const storageLine = describeStorage(memory, url, dir) + (tenantId ? `, tenant ${tenantId}` : '');
  const storage: StorageSpec = memory
    ? 'memory'
    : { ...(url ? { url } : { dir }), ...(tenantId ? { tenant: tenantId } : {}) };
  const keys = readKeys(flags, setup);
  let backend: Awaited<ReturnType<typeof createBackend>>;
  try {
    backend = await createBackend({ keys: keys as LaunchKey[], storage, ...(world ? { world } : {}) });
  } catch (error) {
    const message = (error as Error).message || String(error);
    if (error instanceof TypeError && message.startsWith('portalkit:')) throw new CliError(message.slice(11));
    throw new CliError(`cannot open the storage (${storageLine}): ${message}`);
  }
  let worldLine: string;
  const tenant = backend.store.world.tenant;
  const given = worldFile ?? setup.worldName ?? 'the built-in world';
  if (worldFile && flags.has('--replace')) {
    await backend.storage.reset(world!);
    worldLine = `imported from ${worldFile}, replacing what was stored`;
  } else if (memory) worldLine = `from ${given}`;
  else if ((backend.storage as { importedOnOpen?: boolean }).importedOnOpen)
    worldLine = `imported from ${given} into the empty storage`;
  else if (tenant.id === '') worldLine = 'none yet: import one with --world <file> (or importWorld())';
  else if (worldFile) worldLine = `already stored; ${worldFile} not imported (add --replace to replace it)`;
  else worldLine = 'as stored';
  const held = tenant.id === '' ? undefined : await backend.storage.directory.counts();
  const summary = held
    ? ` — tenant "${tenant.name}", ${count(held.companies, 'company', 'companies')}, ${count(held.portals, 'portal', 'portals')}`
    : '';

  const handle = nodeHandler(backend);
  const server = serverFor(setup.wrap?.(handle) ?? handle);
  const port = Number(flags.get('--port') ?? process.env.PORT ?? 8787);
  const host = String(flags.get('--host') ?? '127.0.0.1');
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new CliError(
          error.code === 'EADDRINUSE' ? `port ${port} is in use: pass --port <another>` : error.message,
        ),
      ),
    );
    server.listen(port, host, done);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const listening = `http://${shown}:${address.port}/api`;
  const keyList = Array.isArray(keys) ? keys : (keys as { keys: LaunchKey[] }).keys;
  console.log(
    [
      `${setup.name}: ${listening}`,
      `  storage: ${storageLine}`,
      `  world:   ${worldLine}${summary}`,
      `  keys:    ${keyList.map((k) => `${k.kid} (${k.alg})`).join(', ')}`,
    ].join('\n'),
  );
  const stop = () => server.close(() => void backend.storage.close().finally(() => process.exit(0)));
  process.once('SIGINT', stop).once('SIGTERM', stop);
  return Object.assign(server, { url: listening });
}

/** Runs the command line and exits on failure with one line (2: bad usage, 1: anything else). */
export async function main(argv: readonly string[], setup: CliSetup): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage(setup.name));
    return;
  }
  try {
    await runBackend(argv, setup);
  } catch (error) {
    const usageError = error instanceof CliError && /flag|argument|needs|must be/.test(error.message);
    console.error(`${setup.name}: ${(error as Error).message}${usageError ? `\n${usage(setup.name)}` : ''}`);
    process.exit(usageError ? 2 : 1);
  }
}
