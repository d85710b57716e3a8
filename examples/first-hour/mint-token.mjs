// On your backend, behind your own sign-in: a launch token for the person who opens the portal.
import { readFileSync } from 'node:fs';
import { signLaunchToken } from 'portalkit/server';

const key = JSON.parse(readFileSync('portal-signing-key.json', 'utf8')); // private: keep it out of git

export function mintPortalToken(user) {
  return signLaunchToken(
    { iss: 'https://your-app.example', sub: user.contactId, kind: 'external', portal: user.portalId },
    key, // ES256; its `kid` picks the verification key, so keys can rotate
  ); // single use, lives 2 minutes (at most 5)
}
