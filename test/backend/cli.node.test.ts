// The standalone backend's command line (`npx portalkit-backend`, `npm run mock`): flags checked
// with one clear message, the start line (storage without a password, the world), and keygen.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEV_SIGNING_KEY, DEV_VERIFY_KEYS } from '../../server-mock/dev-keys.js';
import { CliError, parseFlags, runBackend } from '../../backend/src/cli.js';
import { demoWorldInput } from '../../server-mock/demo-world.js';
import { checkVerifyKeys, signLaunchToken, verifyLaunchToken } from '../../src/server/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pk-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What runBackend prints, and the server it starts. */
async function started(argv: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const log = console.log;
  const saved = { ...process.env };
  Object.assign(process.env, env);
  console.log = (line: string) => lines.push(line);
  try {
    const server = await runBackend(argv, { name: 'test-backend', keys: DEV_VERIFY_KEYS });
    return { server, printed: lines.join('\n') };
  } finally {
    console.log = log;
    process.env = saved;
  }
}

describe('portalkit-backend command line', () => {
  it('refuses unknown flags, missing values and bad numbers with one message each', () => {
    assert.throws(
      () => parseFlags(['--bogus']),
      (e: Error) => e instanceof CliError && /unknown flag --bogus/.test(e.message),
    );
    assert.throws(() => parseFlags(['--port']), /--port needs a value/);
    assert.throws(() => parseFlags(['--port', 'eighty']), /--port must be a number, got eighty/);
    assert.throws(() => parseFlags(['stray']), /unexpected argument stray/);
    assert.throws(() => parseFlags(['--replace']), /--replace needs --world/);
    assert.deepEqual(
      [...parseFlags(['--port=0', '--memory'])],
      [
        ['--port', '0'],
        ['--memory', true],
      ],
    );
  });

  it('needs a world in memory, keys from somewhere, and a readable world file', async () => {
    await assert.rejects(
      runBackend(['--memory'], { name: 't', keys: DEV_VERIFY_KEYS }),
      /--memory needs a world: pass --world <file>/,
    );
    await assert.rejects(
      runBackend(['--memory', '--world', join(dir, 'missing.json')], { name: 't', keys: DEV_VERIFY_KEYS }),
      /missing\.json.*ENOENT/s,
    );
    const world = join(dir, 'world.json');
    writeFileSync(world, JSON.stringify(demoWorldInput()));
    await assert.rejects(
      runBackend(['--memory', '--world', world], { name: 't' }),
      /no verification keys: pass --keys/,
    );
    const badKeys = join(dir, 'bad-keys.json');
    writeFileSync(badKeys, JSON.stringify({ keys: [{ kid: 'x', alg: 'ES256', publicJwk: {} }] }));
    await assert.rejects(
      runBackend(['--memory', '--world', world, '--keys', badKeys], { name: 't' }),
      /keys\[0\] nests the JWK under publicJwk/,
    );
  });

  it('prints where it listens, the storage without a password, the world and the keys', async () => {
    const world = join(dir, 'world-2.json');
    writeFileSync(world, JSON.stringify(demoWorldInput()));
    const { server, printed } = await started(['--memory', '--world', world, '--port', '0']);
    try {
      assert.match(printed, /^test-backend: http:\/\/127\.0\.0\.1:\d+\/api$/m);
      assert.match(printed, /storage: in memory/);
      assert.match(printed, /world: {3}from .*world-2\.json — tenant "Acme Cloud", 4 companies, 3 portals/);
      assert.match(printed, /keys: {4}dev-es256-2026 \(ES256\), dev-hs256-2026 \(HS256\)/);
      const answer = await fetch(`${server.url}/records/Task`);
      assert.equal(answer.status, 401);
      assert.equal(((await answer.json()) as any).error.code, 'session_missing');
    } finally {
      server.close();
    }
    // A server URL is shown as host, port, database and user: never its password.
    await assert.rejects(
      started(['--port', '0'], { DATABASE_URL: 'postgres://admin:s3cret@127.0.0.1:1/portal' }),
      (error: Error) => {
        assert.match(
          error.message,
          /cannot open the storage \(PostgreSQL server 127\.0\.0\.1:1\/portal as admin\)/,
        );
        assert.doesNotMatch(error.message, /s3cret/);
        return true;
      },
    );
    // A pool size that is not one is refused by name, before any connection (#25).
    await assert.rejects(
      started(['--port', '0'], {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/portal',
        PORTALKIT_DB_POOL_SIZE: 'ten',
      }),
      (error: Error) => {
        assert.ok(error instanceof CliError, String(error));
        assert.match(error.message, /PORTALKIT_DB_POOL_SIZE must be a whole number of connections.*"ten"/);
        return true;
      },
    );
  });

  it('--tenant names whose data a database holds, and is refused when it cannot be one (#25)', async () => {
    const world = join(dir, 'world-tenant.json');
    writeFileSync(world, JSON.stringify(demoWorldInput()));
    await assert.rejects(
      runBackend(['--memory', '--world', world, '--tenant', 'acme'], { name: 't', keys: DEV_VERIFY_KEYS }),
      /--tenant is for a database: leave out --memory/,
    );
    await assert.rejects(
      runBackend(['--tenant', 'acme.eu'], { name: 't', keys: DEV_VERIFY_KEYS }),
      /--tenant must be 1–63 letters, digits, "-" or "_", got "acme\.eu"/,
    );
    const dataDir = join(dir, 'tenant-data');
    const { server, printed } = await started(
      ['--world', world, '--data-dir', dataDir, '--tenant', 'acme', '--port', '0'],
      { DATABASE_URL: '' },
    );
    try {
      assert.match(printed, /storage: .*tenant-data.*, tenant acme/);
      const token = await signLaunchToken(
        { iss: 'https://vendor.example', sub: 'k-nw-alice', kind: 'external', portal: 'p-northwind' },
        DEV_SIGNING_KEY,
      );
      const answer = await fetch(`${server.url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      assert.equal(answer.status, 200);
      assert.match(((await answer.json()) as any).session.token, /^acme\./);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('npx portalkit keygen writes a key pair that signs and verifies; the public file passes the backend check', async () => {
    const out = join(dir, 'keys');
    const keygen = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/server/cli.ts', 'keygen', '--kid', 'acme-1', '--out', out],
        {
          encoding: 'utf8',
        },
      );
    const made = keygen();
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /keep it secret, out of git/);
    const privateJwk = JSON.parse(readFileSync(join(out, 'portal-signing-key.json'), 'utf8'));
    const publicJwks = JSON.parse(readFileSync(join(out, 'portal-verify-keys.json'), 'utf8'));
    assert.equal(
      statSync(join(out, 'portal-signing-key.json')).mode & 0o077,
      0,
      'only its owner reads the private key',
    );
    assert.equal(privateJwk.kid, 'acme-1');
    assert.ok(!('d' in publicJwks.keys[0]));
    const keys = await checkVerifyKeys(publicJwks);
    const token = await signLaunchToken(
      { iss: 'vendor', sub: 'k-1', kind: 'external', portal: 'p-1' },
      privateJwk,
    );
    assert.equal((await verifyLaunchToken(token, keys)).sub, 'k-1');
    const again = keygen();
    assert.equal(again.status, 1, 'a second keygen never overwrites a key');
    assert.match(again.stderr, /exists already/);
  });
});
