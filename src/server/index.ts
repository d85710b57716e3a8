// portalkit/server: what a vendor's backend needs to launch a portal — mint launch tokens with its
// signing key, generate a key pair, check verification keys. (The code is shared with the portal
// backend, which verifies the same tokens.)
export * from '../shared/launch-token.js';
