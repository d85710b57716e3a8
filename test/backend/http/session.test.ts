// Token and session flow through the HTTP contract: every refusal code triggered by a crafted token.
import { expect } from '@open-wc/testing';
import { CompactSign, base64url, SignJWT, importJWK } from 'jose';
import {
  DEV_HS256_KEY,
  DEV_RETIRED_KEY,
  DEV_SIGNING_KEY,
  DEV_VERIFY_KEYS,
} from '../../../server-mock/dev-keys.js';
import { Backend } from '../../../backend/src/http/backend.js';
import { MemoryStorage } from '../../../backend/src/storage/memory/storage.js';
import { demoWorld } from '../../../server-mock/demo-world.js';
import { signLaunchToken } from '../../../src/server/index.js';
import { SessionResponse } from '../../../src/contract/index.js';
import { call, claimsFor, exchange, makeBackend, signIn, snapshot, tokenFor } from '../../helpers/backend.js';

const now = () => Math.floor(Date.now() / 1000);

async function rawToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (input: string) => Promise<string> | string,
) {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  return `${input}.${await sign(input)}`;
}

const basePayload = () => ({
  ...claimsFor('alice'),
  aud: 'portalkit',
  iat: now(),
  exp: now() + 60,
  jti: crypto.randomUUID(),
});

async function expectRefused(token: string, code: string, status = 401) {
  const backend = makeBackend();
  const before = snapshot(backend);
  const answer = await exchange(backend, token);
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.body.error.code).to.equal(code);
  expect(answer.body.error.message).to.be.a('string').and.not.be.empty;
  expect(snapshot(backend)).to.equal(before);
}

describe('POST /session: launch token exchange', () => {
  it('exchanges a valid ES256 token for a session and a bootstrap that already holds the landing page', async () => {
    const backend = makeBackend();
    const answer = await exchange(backend, await tokenFor('alice'));
    expect(answer.status).to.equal(200);
    const parsed = SessionResponse.parse(answer.body);
    expect(parsed.session.expiresIn).to.be.at.most(18 * 3600);
    expect(parsed.bootstrap!.user.name).to.equal('Alice Archer');
    expect(parsed.bootstrap!.landing?.id).to.equal('pg-welcome');
    expect(parsed.bootstrap!.landing?.document?.body).to.contain('Welcome to your customer portal');
  });

  it('accepts HS256 tokens signed with a known secret', async () => {
    const token = await signLaunchToken(claimsFor('alice'), DEV_HS256_KEY);
    expect((await exchange(makeBackend(), token)).status).to.equal(200);
  });

  it('token_malformed: not a JWS, garbage segments, missing claims', async () => {
    await expectRefused('not-a-token', 'token_malformed');
    await expectRefused('a.b.c', 'token_malformed');
    const noKind = { ...basePayload(), kind: undefined };
    await expectRefused(
      await new SignJWT(noKind)
        .setProtectedHeader({ alg: 'ES256', kid: DEV_SIGNING_KEY.kid })
        .sign(await importJWK(DEV_SIGNING_KEY, 'ES256')),
      'token_malformed',
    );
  });

  it('a malformed token is explained in our words, never the token library’s', async () => {
    const backend = makeBackend();
    // Signed with a known key over a payload that is not JSON: the library refuses it in its own terms.
    const notJson = await new CompactSign(new TextEncoder().encode('not json'))
      .setProtectedHeader({ alg: 'ES256', kid: DEV_SIGNING_KEY.kid })
      .sign(await importJWK(DEV_SIGNING_KEY, 'ES256'));
    for (const token of ['not-a-token', notJson]) {
      const answer = await exchange(backend, token);
      expect(answer.body.error.code, token).to.equal('token_malformed');
      expect(answer.body.error.message).to.match(/^The sign-in link is not valid\. \(not a signed/);
      expect(answer.body.error.message).not.to.match(/JWS|JWT Claims|compact|Protected Header/);
    }
  });

  it('token_malformed: a body that is not JSON or has no token is a bad request', async () => {
    const backend = makeBackend();
    expect((await call(backend, 'POST', '/session', { raw: '{' })).body.error.code).to.equal('bad_request');
    expect((await call(backend, 'POST', '/session', { body: { token: 42 } })).body.error.code).to.equal(
      'bad_request',
    );
  });

  it('token_invalid_signature: tampered payload', async () => {
    const [h, , s] = (await tokenFor('bob')).split('.');
    const forged = base64url.encode(JSON.stringify({ ...basePayload(), sub: 'k-nw-alice' }));
    await expectRefused(`${h}.${forged}.${s}`, 'token_invalid_signature');
  });

  it('token_invalid_signature: signed by another key claiming a known kid', async () => {
    const token = await signLaunchToken(claimsFor('alice'), { ...DEV_RETIRED_KEY, kid: DEV_SIGNING_KEY.kid });
    await expectRefused(token, 'token_invalid_signature');
  });

  it('token_unknown_key: kid not in the key set (rotated out)', async () => {
    await expectRefused(await signLaunchToken(claimsFor('alice'), DEV_RETIRED_KEY), 'token_unknown_key');
  });

  it('token_alg_not_allowed: alg none', async () => {
    await expectRefused(
      await rawToken({ alg: 'none', kid: DEV_SIGNING_KEY.kid }, basePayload(), () => ''),
      'token_alg_not_allowed',
    );
  });

  it('token_alg_not_allowed: HS256 token keyed with the ES256 public key (algorithm confusion)', async () => {
    const { d: _d, ...publicJwk } = DEV_SIGNING_KEY;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT(basePayload())
      .setProtectedHeader({ alg: 'HS256', kid: DEV_SIGNING_KEY.kid })
      .sign(secret);
    await expectRefused(token, 'token_alg_not_allowed');
  });

  it('token_alg_not_allowed: RS256 and ES512 are refused', async () => {
    await expectRefused(
      await rawToken({ alg: 'RS256', kid: DEV_SIGNING_KEY.kid }, basePayload(), () => 'AAAA'),
      'token_alg_not_allowed',
    );
    await expectRefused(
      await rawToken({ alg: 'ES512', kid: DEV_SIGNING_KEY.kid }, basePayload(), () => 'AAAA'),
      'token_alg_not_allowed',
    );
  });

  it('token_expired: exp in the past beyond the 60 s skew', async () => {
    await expectRefused(
      await signLaunchToken(claimsFor('alice'), DEV_SIGNING_KEY, { now: now() - 400, expiresIn: 300 }),
      'token_expired',
    );
  });

  it('tolerates 60 s of clock skew, no more', async () => {
    const skewed = await signLaunchToken(claimsFor('alice'), DEV_SIGNING_KEY, { now: now() + 50 });
    expect((await exchange(makeBackend(), skewed)).status).to.equal(200);
  });

  it('token_not_yet_valid: iat or nbf in the future', async () => {
    await expectRefused(
      await signLaunchToken(claimsFor('alice'), DEV_SIGNING_KEY, { now: now() + 600 }),
      'token_not_yet_valid',
    );
    const key = await importJWK(DEV_SIGNING_KEY, 'ES256');
    const nbf = await new SignJWT({ ...basePayload(), nbf: now() + 600 })
      .setProtectedHeader({ alg: 'ES256', kid: DEV_SIGNING_KEY.kid })
      .sign(key);
    await expectRefused(nbf, 'token_not_yet_valid');
  });

  it('token_lifetime_too_long: exp more than 5 minutes after iat (a 19-hour token)', async () => {
    await expectRefused(
      await signLaunchToken(claimsFor('alice'), DEV_SIGNING_KEY, { expiresIn: 19 * 3600 }),
      'token_lifetime_too_long',
    );
    await expectRefused(
      await signLaunchToken(claimsFor('alice'), DEV_SIGNING_KEY, { expiresIn: 301 }),
      'token_lifetime_too_long',
    );
  });

  it('token_wrong_audience', async () => {
    const key = await importJWK(DEV_SIGNING_KEY, 'ES256');
    const token = await new SignJWT({ ...basePayload(), aud: 'someone-else' })
      .setProtectedHeader({ alg: 'ES256', kid: DEV_SIGNING_KEY.kid })
      .sign(key);
    await expectRefused(token, 'token_wrong_audience');
  });

  it('token_replayed: a launch token is single use', async () => {
    const backend = makeBackend();
    const token = await tokenFor('alice');
    expect((await exchange(backend, token)).status).to.equal(200);
    const again = await exchange(backend, token);
    expect(again.status).to.equal(401);
    expect(again.body.error.code).to.equal('token_replayed');
  });

  it('user_inactive (R16: Active): an inactive portal user', async () => {
    await expectRefused(await tokenFor('dan'), 'user_inactive', 403);
  });

  it('email_not_unique (R16): two active portal users share an email, both refused', async () => {
    await expectRefused(await tokenFor('erin'), 'email_not_unique', 403);
    await expectRefused(await tokenFor('erin', { sub: 'k-nw-erin2' }), 'email_not_unique', 403);
  });

  it('no_portal_access: an external user of another portal, an unknown user, a contact outside the audience (R17)', async () => {
    await expectRefused(await tokenFor('grace', { portal: 'p-northwind' }), 'no_portal_access', 403);
    await expectRefused(await tokenFor('alice', { sub: 'k-nobody' }), 'no_portal_access', 403);
    await expectRefused(await tokenFor('judy'), 'no_portal_access', 403);
    await expectRefused(await tokenFor('alice', { sub: 'k-nw-frank' }), 'no_portal_access', 403);
  });

  it('no_portal_access (R10/R11): an internal user outside their portfolio', async () => {
    await expectRefused(await tokenFor('olivia', { portal: 'p-initech' }), 'no_portal_access', 403);
    await expectRefused(await tokenFor('ethan', { portal: 'p-northwind' }), 'no_portal_access', 403);
  });

  it('impersonation_not_allowed (R12): the actor has no access to the portal', async () => {
    await expectRefused(
      await tokenFor('oliviaAsBob', { act: { sub: 'u-ops-ethan' } }),
      'impersonation_not_allowed',
      403,
    );
    await expectRefused(
      await tokenFor('oliviaAsBob', { act: { sub: 'u-unknown' } }),
      'impersonation_not_allowed',
      403,
    );
  });
});

describe('sessions (R13)', () => {
  it('every API call needs the session: none → session_missing, unknown → session_expired', async () => {
    const backend = makeBackend();
    expect((await call(backend, 'GET', '/bootstrap')).body.error.code).to.equal('session_missing');
    expect((await call(backend, 'GET', '/bootstrap', { token: 'made-up' })).body.error.code).to.equal(
      'session_expired',
    );
  });

  it('a session ends after its lifetime, which is never above 18 hours', async () => {
    let clock = Date.now();
    const backend = makeBackend(undefined, { now: () => new Date(clock), sessionSeconds: 10 * 24 * 3600 });
    const alice = await signIn(backend, 'alice');
    const expiresAt = Date.parse((await exchange(backend, await tokenFor('bob'))).body.session.expiresAt);
    expect(expiresAt - clock).to.equal(18 * 3600 * 1000);
    clock += 18 * 3600 * 1000 - 1000;
    expect((await alice.get('/bootstrap')).status).to.equal(200);
    clock += 2000;
    const ended = await alice.get('/bootstrap');
    expect(ended.status).to.equal(401);
    expect(ended.body.error.code).to.equal('session_expired');
  });

  it('session_revoked: a deactivated or removed portal user stops on their next request', async () => {
    const backend = makeBackend();
    const bob = await signIn(backend, 'bob');
    const alice = await signIn(backend, 'alice');
    expect((await bob.get('/bootstrap')).status).to.equal(200);
    backend.store.portals.get('p-northwind')!.users.find((u) => u.contactId === 'k-nw-bob')!.active = false;
    const portal = backend.store.portals.get('p-northwind')!;
    portal.users = portal.users.filter((u) => u.contactId !== 'k-nw-alice');
    expect((await bob.get('/bootstrap')).body.error.code).to.equal('session_revoked');
    expect((await alice.get('/records/License')).body.error.code).to.equal('session_revoked');
  });

  it('DELETE /session signs out', async () => {
    const backend = makeBackend();
    const alice = await signIn(backend, 'alice');
    expect((await alice.del('/session')).status).to.equal(204);
    expect((await alice.get('/bootstrap')).status).to.equal(401);
  });

  it('a storage whose refresh reads no session (one written before it took a token) still serves its sessions', async () => {
    const storage = new MemoryStorage(demoWorld());
    const older = new Proxy(storage, {
      get(target, key) {
        if (key === 'refresh') return async () => {};
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const alice = await signIn(new Backend({ keys: DEV_VERIFY_KEYS, storage: older }), 'alice');
    expect((await alice.get('/bootstrap')).status).to.equal(200);
    expect((await alice.get('/documents/pg-welcome')).status).to.equal(200);
  });
});
