// npm run token -- <persona>            a launch token for a demo persona (see server-mock/demo-world.ts)
// npm run token -- <sub> <portal> [kind] a launch token for any user of the demo world
// Signed with the DEVELOPMENT keys: paste it into the demo's "Paste a launch token" field.
import { DEV_SIGNING_KEY } from '../server-mock/dev-keys.js';
import { PERSONAS, type PersonaName } from '../server-mock/demo-world.js';
import { signLaunchToken } from '../src/server/index.js';

const [first, portal, kind = 'external'] = process.argv.slice(2);
if (!first) {
  console.error(
    `usage: npm run token -- <persona | sub portal [kind]>\npersonas: ${Object.keys(PERSONAS).join(', ')}`,
  );
  process.exit(1);
}
const persona = PERSONAS[first as PersonaName] as
  { kind: 'external' | 'internal'; sub: string; portal: string; act?: string } | undefined;
const claims = persona
  ? {
      iss: 'dev-token',
      sub: persona.sub,
      kind: persona.kind,
      portal: persona.portal,
      ...(persona.act ? { act: { sub: persona.act } } : {}),
    }
  : { iss: 'dev-token', sub: first, kind: kind as 'external' | 'internal', ...(portal ? { portal } : {}) };
console.log(await signLaunchToken(claims, DEV_SIGNING_KEY, { expiresIn: 300 }));
