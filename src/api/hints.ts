// What the client says for the vendor's developer (the `hint` of pk-error) and the messages of
// errors it makes itself. Apart from PortalApiError, which every part imports: only the client and
// the shell need these words.
/** Developer hints: what to fix on the vendor's side for each code. */
const HINTS: Partial<Record<string, string>> = {
  token_malformed:
    'The value given to .token is not a signed launch token (three base64url parts), or a claim is missing or of the wrong type.',
  token_invalid_signature:
    'Sign launch tokens with the private key whose public half the portal backend holds under that kid.',
  token_unknown_key:
    'The token header kid is not in the backend key set: publish the new key before signing with it.',
  token_alg_not_allowed: 'Only ES256 (recommended) and HS256 are accepted, each with its own key.',
  token_expired:
    'Mint the launch token right before setting .token (tokens live at most 5 minutes); use fetchToken for refreshes.',
  token_not_yet_valid: 'iat/nbf lie in the future: check the clock of the server that mints tokens.',
  token_lifetime_too_long: 'exp must be at most 5 minutes after iat.',
  token_wrong_audience: 'Set aud to "portalkit" (signLaunchToken does).',
  token_replayed: 'Launch tokens are single use: mint a new one for each exchange, including in fetchToken.',
  user_inactive: 'The portal user is not active.',
  no_portal_access:
    'The user is not a portal user of that portal, is outside its audience, or (internal) lacks access per R10/R11.',
  email_not_unique:
    'Two active portal users share this email address (R16): deactivate or change one of them.',
  impersonation_not_allowed: 'The act.sub internal user may not open this portal.',
  session_expired:
    'The session ended: provide fetchToken so the portal can renew it without interrupting the user.',
  session_revoked: 'The user was deactivated or removed while signed in.',
  network: 'The API could not be reached: check api-base, CORS and connectivity.',
  invalid_response:
    'The backend answered with a body that does not match the portalkit contract (see openapi.json).',
};

/** Why a session could not be renewed when `fetchToken` is missing or not a function. */
export function noFetchTokenHint(fetchToken: unknown): string {
  const fix =
    "set portal.fetchToken = async () => (await fetch('/portal-token')).text(): a new launch token each time.";
  return fetchToken == null
    ? `The session ended and no fetchToken is set to renew it: ${fix}`
    : `The session ended and fetchToken is a ${typeof fetchToken}, not a function: ${fix}`;
}

export function hintFor(code: string): string | undefined {
  return HINTS[code];
}

/**
 * The message of an error the client makes itself (an answer without the error shape, an ended
 * session): the server's own messages arrive with its answers, so the table of every code stays
 * out of the browser bundle. What the person reads comes from `messageFor` in their language.
 */
export function defaultMessage(code: string): string {
  return code === 'session_expired' ? 'Your session has ended.' : 'Something went wrong.';
}
