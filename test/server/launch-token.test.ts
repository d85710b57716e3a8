// portalkit/server: signLaunchToken / verifyLaunchToken, key rotation and a byte-flip property.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DEV_HS256_KEY,
  DEV_RETIRED_KEY,
  DEV_SIGNING_KEY,
  DEV_VERIFY_KEYS,
} from '../../server-mock/dev-keys.js';
import {
  LaunchTokenError,
  signLaunchToken,
  verifyLaunchToken,
  type LaunchKey,
} from '../../src/server/index.js';

const claims = {
  iss: 'https://vendor.example',
  sub: 'k-nw-alice',
  kind: 'external' as const,
  portal: 'p-northwind',
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof LaunchTokenError) return error.code;
    throw error;
  }
}

describe('portalkit/server launch tokens', () => {
  it('round-trips claims with ES256 and HS256, filling aud, iat, exp and jti', async () => {
    for (const key of [DEV_SIGNING_KEY, DEV_HS256_KEY]) {
      const verified = await verifyLaunchToken(await signLaunchToken(claims, key), DEV_VERIFY_KEYS);
      expect(verified).to.include(claims);
      expect(verified.aud).to.equal('portalkit');
      expect(verified.exp - verified.iat).to.equal(120);
      expect(verified.jti).to.be.a('string');
    }
  });

  it('accepts a JWKS object and rotates keys by kid', async () => {
    const token = await signLaunchToken(claims, DEV_RETIRED_KEY);
    const { d: _d, ...retiredPublic } = DEV_RETIRED_KEY;
    expect(await codeOf(verifyLaunchToken(token, { keys: DEV_VERIFY_KEYS }))).to.equal('token_unknown_key');
    expect(
      await codeOf(verifyLaunchToken(token, { keys: [...DEV_VERIFY_KEYS, retiredPublic as LaunchKey] })),
    ).to.equal('accepted');
  });

  it('checks the issuer when asked', async () => {
    const token = await signLaunchToken(claims, DEV_SIGNING_KEY);
    expect(
      await codeOf(verifyLaunchToken(token, DEV_VERIFY_KEYS, { issuer: 'https://other.example' })),
    ).to.equal('token_invalid_signature');
    expect(await codeOf(verifyLaunchToken(token, DEV_VERIFY_KEYS, { issuer: claims.iss }))).to.equal(
      'accepted',
    );
  });

  it('refuses an external token without a portal and act on an internal token', async () => {
    expect(
      await codeOf(
        verifyLaunchToken(
          await signLaunchToken({ ...claims, portal: undefined }, DEV_SIGNING_KEY),
          DEV_VERIFY_KEYS,
        ),
      ),
    ).to.equal('token_malformed');
    const internalWithAct = await signLaunchToken(
      { ...claims, kind: 'internal', act: { sub: 'u-1' } },
      DEV_SIGNING_KEY,
    );
    expect(await codeOf(verifyLaunchToken(internalWithAct, DEV_VERIFY_KEYS))).to.equal('token_malformed');
  });

  it('refuses to sign with an algorithm outside ES256/HS256', async () => {
    expect(await codeOf(signLaunchToken(claims, { ...DEV_SIGNING_KEY, alg: 'RS256' as 'ES256' }))).to.equal(
      'token_alg_not_allowed',
    );
  });

  it('property: any change of one character of a valid token is refused', async () => {
    const token = await signLaunchToken(claims, DEV_SIGNING_KEY, { expiresIn: 300 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), async (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const mutated = token.slice(0, index) + replacement + token.slice(index + 1);
        const code = await codeOf(verifyLaunchToken(mutated, DEV_VERIFY_KEYS));
        expect(code, `${index}:${replacement}`).not.to.equal('accepted');
      }),
      { numRuns: 500 },
    );
  });

  it('property: random bit flips anywhere in the token bytes are refused', async () => {
    const token = await signLaunchToken(claims, DEV_HS256_KEY, { expiresIn: 300 });
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.integer({ min: 0, max: 6 }), async (index, bit) => {
        const flipped = String.fromCharCode(token.charCodeAt(index) ^ (1 << bit));
        const mutated = token.slice(0, index) + flipped + token.slice(index + 1);
        expect(await codeOf(verifyLaunchToken(mutated, DEV_VERIFY_KEYS))).not.to.equal('accepted');
      }),
      { numRuns: 500 },
    );
  });
});
