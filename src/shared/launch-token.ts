// Launch tokens, minted by the vendor's backend (portalkit/server) and verified by ours.
// Isomorphic: runs wherever WebCrypto does. ES256 recommended, HS256 allowed, nothing else;
// `kid` selects the key so keys can rotate.
import {
  base64url,
  decodeProtectedHeader,
  errors,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import { LaunchClaims } from '../contract/schemas.js';

export const LAUNCH_TOKEN_AUDIENCE = 'portalkit';
/** A launch token lives at most this long (exp − iat). */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** Clock skew tolerated between the vendor's backend and the portal backend. */
export const CLOCK_TOLERANCE_SECONDS = 60;
export const ALLOWED_ALGORITHMS = ['ES256', 'HS256'] as const;
export type LaunchAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

/** A signing or verification key: an ES256 EC JWK, or an HS256 `oct` JWK; `kid` and `alg` required. */
export type LaunchKey = JWK & { kid: string; alg: LaunchAlgorithm };
export type { LaunchClaims };

export type LaunchTokenErrorCode =
  | 'token_malformed'
  | 'token_invalid_signature'
  | 'token_unknown_key'
  | 'token_alg_not_allowed'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_lifetime_too_long'
  | 'token_wrong_audience';

export class LaunchTokenError extends Error {
  override readonly name = 'LaunchTokenError';
  constructor(
    readonly code: LaunchTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SignOptions {
  /** Token lifetime in seconds (default 120, at most 300). */
  expiresIn?: number;
  /** Override "now" (seconds since epoch) — for tests. */
  now?: number;
}

/** Claims the vendor chooses; `aud`, `iat`, `exp` and `jti` are filled in. */
export type LaunchClaimsInput = Omit<LaunchClaims, 'aud' | 'iat' | 'exp' | 'jti' | 'nbf'> & { jti?: string };

/** Mints a launch token for `claims`, signed with `key` (private EC JWK or oct JWK). */
export async function signLaunchToken(
  claims: LaunchClaimsInput,
  key: LaunchKey,
  options: SignOptions = {},
): Promise<string> {
  if (!ALLOWED_ALGORITHMS.includes(key.alg))
    throw new LaunchTokenError('token_alg_not_allowed', `alg ${key.alg} is not allowed`);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const lifetime = options.expiresIn ?? 120;
  const { jti, ...rest } = claims;
  return new SignJWT({ ...rest } as JWTPayload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setAudience(LAUNCH_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .setJti(jti ?? crypto.randomUUID())
    .sign(await importJWK(key, key.alg));
}

export interface VerifyOptions {
  /** Expected issuer(s); when given, other issuers are refused as a bad signature would be. */
  issuer?: string | string[];
  /** Override "now" (seconds since epoch) — for tests. */
  now?: number;
}

const fail = (code: LaunchTokenErrorCode, message: string): never => {
  throw new LaunchTokenError(code, message);
};

/**
 * Verifies a launch token against a key set (JWKS `keys` or a plain array: public EC JWKs and
 * oct secrets, each with `kid` and `alg`). Returns the validated claims, or throws a
 * LaunchTokenError whose `code` says exactly what was wrong. Replay (`jti`) is the caller's
 * check: it needs state.
 */
export async function verifyLaunchToken(
  token: string,
  keys: readonly LaunchKey[] | { keys: readonly LaunchKey[] },
  options: VerifyOptions = {},
): Promise<LaunchClaims> {
  const keyList = Array.isArray(keys) ? keys : (keys as { keys: readonly LaunchKey[] }).keys;
  if (typeof token !== 'string' || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token))
    fail('token_malformed', 'not a signed token: three base64url parts joined by dots');
  // Canonical base64url only: a token differs from a valid one in any bit, it is refused.
  const canonical = (segment: string) => {
    try {
      return base64url.encode(base64url.decode(segment)) === segment;
    } catch {
      return false;
    }
  };
  if (!token.split('.').every(canonical)) fail('token_malformed', 'a segment is not canonical base64url');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('token_malformed', 'the header is not valid base64url JSON');
  }
  const alg = header.alg;
  if (!alg || !(ALLOWED_ALGORITHMS as readonly string[]).includes(alg))
    fail('token_alg_not_allowed', `alg ${String(alg)} is not allowed`);
  if (!header.kid) fail('token_unknown_key', 'the header has no kid');
  const key = keyList.find((k) => k.kid === header.kid);
  if (!key) return fail('token_unknown_key', `no key with kid ${header.kid}`);
  // A key is only ever used with its own algorithm: no HS256 token "signed" with an EC public key.
  if (key.alg !== alg) fail('token_alg_not_allowed', `key ${key.kid} is for ${key.alg}, token says ${alg}`);

  const now = options.now ?? Math.floor(Date.now() / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await importJWK(key, key.alg), {
      algorithms: [key.alg],
      audience: LAUNCH_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(now * 1000),
      ...(options.issuer ? { issuer: options.issuer } : {}),
      requiredClaims: ['iat', 'exp', 'jti', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return fail('token_invalid_signature', 'signature does not match');
    if (error instanceof errors.JWTExpired) return fail('token_expired', 'exp is in the past');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'aud') return fail('token_wrong_audience', `aud must be ${LAUNCH_TOKEN_AUDIENCE}`);
      if (error.claim === 'nbf' || error.claim === 'iat')
        return fail('token_not_yet_valid', `${error.claim} is in the future`);
      if (error.claim === 'iss') return fail('token_invalid_signature', 'issuer not accepted');
      return fail('token_malformed', `claim ${error.claim}: ${error.reason}`);
    }
    // Said in our words: the library's own message names its internals, not the vendor's mistake.
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
      return fail('token_malformed', 'not a signed JWT with a JSON payload');
    throw error;
  }
  const parsed = LaunchClaims.safeParse(payload);
  if (!parsed.success)
    return fail(
      'token_malformed',
      `claims: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const claims = parsed.data;
  if (claims.iat > now + CLOCK_TOLERANCE_SECONDS) fail('token_not_yet_valid', 'iat is in the future');
  if (claims.exp - claims.iat > MAX_TOKEN_LIFETIME_SECONDS)
    fail('token_lifetime_too_long', `exp − iat must be ≤ ${MAX_TOKEN_LIFETIME_SECONDS} s`);
  if (claims.kind === 'external' && !claims.portal)
    fail('token_malformed', 'an external token needs a portal claim');
  if (claims.act && claims.kind !== 'external')
    fail('token_malformed', 'act (impersonation) needs kind external');
  return claims;
}

/** What a verification key looks like, for error messages. */
const KEY_SHAPES =
  "{ kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256' } (a public JWK with its kid and alg) or " +
  "{ kty: 'oct', k, kid, alg: 'HS256' }";

/**
 * Checks a backend's verification keys before the backend starts, so a wrong key fails at start
 * with a message naming the expected shape, not at the first sign-in. Accepts a JWKS
 * (`{ keys: [...] }`) or a plain array; returns the keys as an array.
 */
export async function checkVerifyKeys(
  keys: readonly LaunchKey[] | { keys: readonly LaunchKey[] } | unknown,
): Promise<LaunchKey[]> {
  const list = Array.isArray(keys)
    ? keys
    : keys && typeof keys === 'object' && Array.isArray((keys as { keys?: unknown }).keys)
      ? (keys as { keys: unknown[] }).keys
      : undefined;
  const problem = (where: string, what: string): never => {
    throw new TypeError(`portalkit: ${where} ${what}. Expected ${KEY_SHAPES}.`);
  };
  if (!list || list.length === 0)
    return problem('keys', 'must be a non-empty array or a JWKS { keys: [...] }');
  const kids = new Set<string>();
  for (const [i, key] of (list as unknown[]).entries()) {
    const where = `keys[${i}]`;
    if (!key || typeof key !== 'object') problem(where, 'is not an object');
    const k = key as Record<string, unknown>;
    if ('publicJwk' in k)
      problem(where, 'nests the JWK under publicJwk: spread it instead, { ...publicJwk, kid, alg }');
    if (typeof k.kid !== 'string' || !k.kid) problem(where, 'has no kid');
    if (kids.has(k.kid as string)) problem(where, `repeats kid ${String(k.kid)}`);
    kids.add(k.kid as string);
    if (!(ALLOWED_ALGORITHMS as readonly unknown[]).includes(k.alg))
      problem(where, `(kid ${String(k.kid)}) has alg ${String(k.alg)}; only ES256 and HS256 are allowed`);
    if (k.alg === 'ES256') {
      if (k.kty !== 'EC' || k.crv !== 'P-256' || typeof k.x !== 'string' || typeof k.y !== 'string')
        problem(where, `(kid ${String(k.kid)}) is not a P-256 EC public key`);
      if ('d' in k)
        problem(
          where,
          `(kid ${String(k.kid)}) holds a private key (d): the backend verifies with the public key only — leave d on the host that signs`,
        );
    }
    if (
      k.alg === 'HS256' &&
      (k.kty !== 'oct' || typeof k.k !== 'string' || base64url.decode(k.k).length < 32)
    )
      problem(where, `(kid ${String(k.kid)}) is not an oct key of at least 32 bytes`);
    try {
      await importJWK(k as JWK, k.alg as string);
    } catch (error) {
      problem(where, `(kid ${String(k.kid)}) cannot be imported: ${(error as Error).message}`);
    }
  }
  return list as LaunchKey[];
}

/** A new ES256 key pair for launch tokens: the private JWK signs (your backend), the public one verifies (the portal backend). */
export async function generateLaunchKeyPair(
  kid = `portal-${new Date().toISOString().slice(0, 10)}`,
): Promise<{ privateJwk: LaunchKey; publicJwk: LaunchKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const [privateJwk, publicJwk] = await Promise.all([
    crypto.subtle.exportKey('jwk', pair.privateKey),
    crypto.subtle.exportKey('jwk', pair.publicKey),
  ]);
  const tidy = ({ kty, crv, x, y, d }: Record<string, unknown>) =>
    ({ kty, crv, x, y, ...(d ? { d } : {}), kid, alg: 'ES256' }) as LaunchKey;
  return { privateJwk: tidy(privateJwk as never), publicJwk: tidy(publicJwk as never) };
}
