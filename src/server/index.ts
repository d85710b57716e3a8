// portalkit/server (Node): mint and verify launch tokens. Filled in by the token issue.
export const LAUNCH_TOKEN_AUDIENCE = 'portalkit';
