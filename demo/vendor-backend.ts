// The demo's stand-in for the VENDOR'S BACKEND — not part of the SDK. A real vendor runs this
// on their server with their own private key (see README, "Mint a launch token").
// Here it runs in the page with the development keys, so the demo needs no server.
import { DEV_SIGNING_KEY } from '../server-mock/dev-keys.js';
import { PERSONAS, type PersonaName } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';

export async function mintLaunchToken(persona: PersonaName): Promise<string> {
  const p = PERSONAS[persona] as {
    kind: 'external' | 'internal';
    sub: string;
    portal?: string;
    act?: string;
  };
  return signLaunchToken(
    {
      iss: 'https://acme-cloud.example',
      sub: p.sub,
      kind: p.kind,
      ...(p.portal ? { portal: p.portal } : {}),
      ...(p.act ? { act: { sub: p.act } } : {}),
    },
    DEV_SIGNING_KEY,
  );
}

export { PERSONAS, type PersonaName };
