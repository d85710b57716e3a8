// DEVELOPMENT ONLY key set (dev-keys.json): the demo's "vendor backend" and the tests sign
// launch tokens with it. Anyone can read these keys; never accept them in production.
import type { LaunchKey } from '../src/shared/launch-token.js';
import devKeys from './dev-keys.json' with { type: 'json' };

const keys = devKeys.keys as LaunchKey[];
const byKid = (kid: string) => keys.find((k) => k.kid === kid)!;

/** Private signing keys. */
export const DEV_SIGNING_KEY = byKid('dev-es256-2026');
export const DEV_HS256_KEY = byKid('dev-hs256-2026');
/** Not in the backend's key set: tokens signed with it are refused. */
export const DEV_RETIRED_KEY = byKid('dev-es256-retired');

/** What the mock backend verifies with: public EC keys (no `d`) and the HS256 secret. */
export const DEV_VERIFY_KEYS: LaunchKey[] = [DEV_SIGNING_KEY, DEV_HS256_KEY].map((k) => {
  if (k.kty !== 'EC') return k;
  const { d: _private, ...publicKey } = k;
  return publicKey as LaunchKey;
});
