// npm run test:first-hour — a vendor developer's first hour, as they meet it (run by .ci/run on a
// fresh clone). Each check runs the real command as its own process:
//   1. `npm start` with no data folder answers with the landing page's first content for a persona
//   2. `npm run mock` in each storage mode (memory, PGlite, a server when DATABASE_URL answers)
//      answers the contract's error shape; a bad flag is one line and a non-zero exit
//   3. `npm run build` changes no tracked file; the two packages packed — `portalkit` (the browser
//      SDK and portalkit/server: no backend code, no database or server libraries) and
//      `@portalkit/backend` — hold no private key material of the development keys, no demo
//      world, no mock code
//   4. both tarballs installed in an empty project: `npx portalkit keygen`, README's backend, token
//      and upsert snippets (examples/first-hour/), a TypeScript file compiled against both
//      packages' types, and `npx portalkit-backend` signing a person in
// (The examples/* hosts are built and drawn by `npm test`: test/examples/examples.node.test.ts.)
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, resolveChromium } from './chromium.mjs';
import { freePort } from './free-port.mjs';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'pk-first-hour-'));
const started = Date.now();
const children = new Set();
let failed = false;

const step = (name) => console.log(`\n== first hour: ${name}`);
const ok = (what) => console.log(`  ok  ${what}`);
function check(condition, what, detail = '') {
  if (!condition) throw new Error(`${what}${detail ? `\n${detail}` : ''}`);
  ok(what);
}

/** Starts a command; resolves with the first URL it prints (or rejects with what it printed). */
function startCommand(command, args, { cwd = root, env = {}, urlPattern, timeoutMs = 120_000 }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  const url = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${command} ${args.join(' ')} printed no URL in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const read = (chunk) => {
      // eslint-disable-next-line no-control-regex
      output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      const match = urlPattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before printing a URL:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

function stop(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  children.delete(child);
}

/** Runs a command to its end; returns status and output. */
function run(command, args, { cwd = root, env = {} } = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (status) => done({ status, out }));
  });
}

async function serverUrl() {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const schema = `pk_first_hour_${Math.random().toString(36).slice(2, 10)}`;
    await client.query(`CREATE SCHEMA ${schema}`);
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: withSchema.toString(),
      async drop() {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
  } catch {
    await client.end().catch(() => {});
    return undefined;
  }
}

async function npmStart(browser) {
  step('npm start on a clone with no data folder');
  // A fresh clone has no .portalkit-data: use the default folder then (and remove it after);
  // in a working tree that has one, a folder whose parents do not exist either.
  const fresh = !existsSync(join(root, '.portalkit-data'));
  const env = fresh
    ? { DATABASE_URL: '', PORTALKIT_DATA_DIR: '' }
    : { DATABASE_URL: '', PORTALKIT_DATA_DIR: join(scratch, 'no', 'such', 'folder', 'demo') };
  const port = String(await freePort());
  const demo = startCommand('npm', ['start', '--', '--port', port, '--strictPort'], {
    env,
    urlPattern: /http:\/\/127\.0\.0\.1:\d+\//,
  });
  try {
    const url = await demo.url;
    ok(
      `npm start serves ${url}${fresh ? ' (default data folder, absent before)' : ' (a data folder whose parents are absent)'}`,
    );
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${url}?persona=alice&latency=0`);
    await page
      .locator('pk-portal')
      .getByText('Welcome to your customer portal')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        const text = await page.evaluate(() => document.querySelector('pk-portal')?.shadowRoot?.textContent);
        throw new Error(`${error.message}\nportal: ${text}\nserver:\n${demo.output()}`);
      });
    ok("Alice sees the landing page's first content");
    const tag = await page.locator('#backend-tag').textContent();
    check(/PGlite/.test(tag ?? ''), `the header names the storage it runs on: "${tag}"`);
    check(problems.length === 0, 'no page errors', problems.join('\n'));
    await page.close();
    const noise = demo
      .output()
      .split('\n')
      .filter((line) => /warn|error/i.test(line));
    check(noise.length === 0, 'the start prints no warning or error', noise.join('\n'));
  } finally {
    stop(demo.child);
    if (fresh) rmSync(join(root, '.portalkit-data'), { recursive: true, force: true });
  }
}

async function npmRunMock() {
  step('npm run mock, as its own process, in each storage mode');
  const server = await serverUrl();
  const modes = [
    ['in memory', ['--memory'], {}],
    ['on PGlite', ['--data-dir', join(scratch, 'mock', 'nested', 'data')], { DATABASE_URL: '' }],
    ...(server ? [['on the PostgreSQL server', [], { DATABASE_URL: server.url }]] : []),
  ];
  if (!server) console.log('  (no PostgreSQL server answers: the server mode is skipped)');
  try {
    for (const [name, flags, env] of modes) {
      const mock = startCommand('npm', ['run', 'mock', '--', '--port', '0', ...flags], {
        env,
        urlPattern: /http:\/\/127\.0\.0\.1:\d+\/api/,
      });
      try {
        const api = await mock.url;
        const response = await fetch(`${api}/records/Task`);
        const body = await response.json();
        check(
          response.status === 401 &&
            typeof body.error?.code === 'string' &&
            typeof body.error?.message === 'string',
          `${name}: ${api}/records/Task without a session answers 401 ${body.error?.code}`,
          JSON.stringify(body),
        );
        check(
          /storage: /.test(mock.output()) && /world: /.test(mock.output()),
          `${name}: the start line names the storage and the world`,
          mock.output(),
        );
        check(!/password|:\*\*\*@/.test(mock.output()), `${name}: no password printed`);
      } finally {
        stop(mock.child);
      }
    }
    const bad = await run('npm', ['run', 'mock', '--', '--bogus']);
    check(
      bad.status !== 0 && /unknown flag --bogus/.test(bad.out),
      `a bad flag: exit ${bad.status}, "unknown flag --bogus"`,
    );
    const noDb = await run('npm', ['run', 'mock', '--', '--port', '0'], {
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    });
    check(
      noDb.status === 1 && /cannot open the storage/.test(noDb.out),
      `an unreachable database: exit ${noDb.status}, one clear line`,
      noDb.out,
    );
  } finally {
    await server?.drop();
  }
}

async function buildChangesNothing() {
  step('npm run build');
  const tracked = () => execFileSync('git', ['diff', 'HEAD', '--stat'], { cwd: root, encoding: 'utf8' });
  const before = tracked();
  const build = await run('npm', ['run', 'build']);
  check(build.status === 0, 'npm run build', build.out);
  check(tracked() === before, 'the build changed no tracked file', tracked());
}

/** `npm pack` of one package of the repository: the tarball and what it holds. */
function pack(workspace) {
  const args = [
    'pack',
    '--json',
    '--pack-destination',
    scratch,
    ...(workspace ? ['--workspace', workspace] : []),
  ];
  const packed = JSON.parse(execFileSync('npm', args, { cwd: root, encoding: 'utf8' }))[0];
  ok(`${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB`);
  const unpacked = join(scratch, `unpacked-${workspace ?? 'portalkit'}`);
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', unpacked]);
  return { tarball: join(scratch, packed.filename), paths: packed.files.map((f) => f.path), unpacked };
}

function packAndInspect() {
  step('npm pack: what a vendor installs');
  const sdk = pack();
  const backend = pack('backend');
  const mockFiles = [...sdk.paths, ...backend.paths].filter((p) =>
    /dev-keys|demo-world|\/msw\/|demo-middleware|dev-server|mock-backend|\.portalkit-data|dist\/demo\//.test(
      p,
    ),
  );
  check(mockFiles.length === 0, 'no mock, demo or development-key files', mockFiles.join('\n'));
  for (const expected of ['dist/portalkit.js', 'dist/server.js', 'dist/cli.js', 'openapi.json'])
    check(sdk.paths.includes(expected), `portalkit holds ${expected}`);
  for (const expected of ['dist/index.js', 'dist/index.d.ts', 'dist/bin.js', 'world.schema.json'])
    check(backend.paths.includes(expected), `@portalkit/backend holds ${expected}`);

  // The browser SDK installs no database and no server library, and carries no backend code.
  const sdkPackage = JSON.parse(readFileSync(join(sdk.unpacked, 'package/package.json'), 'utf8'));
  const serverLibraries = [
    'pg',
    '@electric-sql/pglite',
    'sanitize-html',
    'file-type',
    'rate-limiter-flexible',
  ];
  const installed = Object.keys({ ...sdkPackage.dependencies, ...sdkPackage.peerDependencies });
  check(
    serverLibraries.every((name) => !installed.includes(name)),
    `portalkit depends on none of ${serverLibraries.join(', ')}`,
    installed.join(', '),
  );
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  // Markers only the backend's code holds: its SQL, its storage, its HTTP router.
  const backendMarkers = ['CREATE TABLE', 'PostgresStorage', 'class Backend', 'portalkit-backend:'];
  const backendCode = walk(sdk.unpacked)
    .filter((file) => !file.endsWith('.md'))
    .flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return backendMarkers.filter((m) => text.includes(m)).map((m) => `${m} in ${file}`);
    });
  check(backendCode.length === 0, 'portalkit carries no backend code', backendCode.join('\n'));

  const devKeys = JSON.parse(readFileSync(join(root, 'server-mock/dev-keys.json'), 'utf8')).keys;
  const secrets = devKeys.flatMap((k) =>
    [k.d, k.k].filter(Boolean).map((value) => [`${k.kid}.${k.d ? 'd' : 'k'}`, value]),
  );
  const demoMarkers = ['k-nw-alice', 'Northwind Traders', 'p-northwind'];
  const found = [];
  for (const file of [...walk(sdk.unpacked), ...walk(backend.unpacked)]) {
    const text = readFileSync(file, 'utf8');
    for (const [name, value] of secrets) if (text.includes(value)) found.push(`${name} in ${file}`);
    // README.md describes the demo's personas; code and data must not carry them.
    if (!file.endsWith('README.md'))
      for (const marker of demoMarkers)
        if (text.includes(marker)) found.push(`demo world (${marker}) in ${file}`);
  }
  check(
    found.length === 0,
    `no private key material (${secrets.map(([n]) => n).join(', ')}) and no demo world`,
    found.join('\n'),
  );
  return [sdk.tarball, backend.tarball];
}

async function emptyProject(tarballs) {
  step('the packed packages in an empty project, following the README');
  const project = join(scratch, 'vendor-app');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'vendor-app', private: true, type: 'module' }),
  );
  const install = await run('npm', ['install', '--no-audit', '--no-fund', ...tarballs], { cwd: project });
  check(install.status === 0, 'npm install portalkit @portalkit/backend (the tarballs)', install.out);
  const keygen = await run('npx', ['portalkit', 'keygen', '--kid', 'vendor-2026'], { cwd: project });
  check(
    keygen.status === 0 && existsSync(join(project, 'portal-signing-key.json')),
    'npx portalkit keygen',
    keygen.out,
  );
  const publicKeys = JSON.parse(readFileSync(join(project, 'portal-verify-keys.json'), 'utf8'));
  check(
    publicKeys.keys.every((k) => !('d' in k)),
    'portal-verify-keys.json holds public keys only',
  );
  cpSync(join(root, 'examples/world/world.json'), join(project, 'world.json'));
  for (const file of readdirSync(join(root, 'examples/first-hour')))
    cpSync(join(root, 'examples/first-hour', file), join(project, file));
  const snippets = await run('node', ['check.mjs'], { cwd: project, env: { PORT: '0', DATABASE_URL: '' } });
  check(snippets.status === 0, "README's backend, token and upsert snippets sign people in", snippets.out);
  const types = await run(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--typeRoots',
      join(root, 'node_modules/@types'),
      '--types',
      'node',
      'types.ts',
    ],
    { cwd: project },
  );
  check(types.status === 0, 'a TypeScript file compiles against both packages’ published types', types.out);

  const bin = startCommand(
    'npx',
    [
      'portalkit-backend',
      '--keys',
      'portal-verify-keys.json',
      '--world',
      'world.json',
      '--port',
      '0',
      '--data-dir',
      'bin-data',
    ],
    { cwd: project, env: { DATABASE_URL: '' }, urlPattern: /http:\/\/127\.0\.0\.1:\d+\/api/ },
  );
  try {
    const api = await bin.url;
    check(
      /imported from world\.json/.test(bin.output()),
      `npx portalkit-backend listens at ${api} and imported world.json`,
      bin.output(),
    );
    const signIn = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `import { mintPortalToken } from './mint-token.mjs';
         const token = await mintPortalToken({ contactId: 'k-bb-ana', portalId: 'p-bluebird' });
         const r = await fetch('${api}/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
         const body = await r.json();
         if (r.status !== 200) { console.error(r.status, JSON.stringify(body)); process.exit(1); }
         console.log(body.bootstrap.user.name);`,
      ],
      { cwd: project },
    );
    check(
      signIn.status === 0 && /Ana Alves/.test(signIn.out),
      'a token minted with portalkit/server signs Ana in',
      signIn.out,
    );
  } finally {
    stop(bin.child);
  }
  const noKeys = await run('npx', ['portalkit-backend', '--port', '0'], {
    cwd: project,
    env: { DATABASE_URL: '' },
  });
  check(
    noKeys.status !== 0 && /no verification keys/.test(noKeys.out),
    'without keys: a clear line and a non-zero exit',
    noKeys.out,
  );
}

const browser = await chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
try {
  await npmStart(browser);
  await npmRunMock();
  await buildChangesNothing();
  await emptyProject(packAndInspect());
} catch (error) {
  failed = true;
  console.error(`\nfirst hour: FAILED — ${error.message}`);
} finally {
  await browser.close();
  for (const child of children) stop(child);
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  `\nfirst hour: ${failed ? 'failed' : 'all green'} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failed ? 1 : 0);
