import '../src/portalkit.js';
import type { PkPortal } from '../src/index.js';
import { mock, resetData } from './mock.js';
import { mintLaunchToken, PERSONAS, type PersonaName } from './vendor-backend.js';

const $ = <T extends HTMLElement>(selector: string) => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing from index.html`);
  return el;
};
const portal = $<PkPortal>('#portal');
const persona = $<HTMLSelectElement>('#persona');
const events = $<HTMLOListElement>('#events');

for (const [name, p] of Object.entries(PERSONAS)) persona.add(new Option(p.label, name));
const initial = new URLSearchParams(location.search).get('persona');
if (initial && initial in PERSONAS) persona.value = initial;

async function signIn() {
  const name = persona.value as PersonaName;
  // What a vendor does: fetch a fresh token from their backend, and give fetchToken for renewals.
  portal.fetchToken = () => mintLaunchToken(name);
  portal.page = undefined;
  portal.token = await mintLaunchToken(name);
}

persona.addEventListener('change', signIn);
$<HTMLSelectElement>('#locale').addEventListener(
  'change',
  (e) => (portal.locale = (e.target as HTMLSelectElement).value),
);
$<HTMLSelectElement>('#theme').addEventListener('change', (e) => {
  const value = (e.target as HTMLSelectElement).value as 'light' | 'dark' | '';
  if (value) portal.theme = value;
  else portal.removeAttribute('theme');
});
// R14: a per-portal colour override, as vendor staff would set it in the backend.
$<HTMLInputElement>('#brand').addEventListener('change', (e) => {
  const portalId = PERSONAS[persona.value as PersonaName].portal;
  mock.backend.store.portals.get(portalId)!.colorOverrides.primary = (e.target as HTMLInputElement).value;
  void signIn();
});
$<HTMLSelectElement>('#width').addEventListener(
  'change',
  (e) => ($('#portal-frame').style.maxWidth = (e.target as HTMLSelectElement).value),
);
$<HTMLButtonElement>('#reset').addEventListener('click', () => {
  resetData();
  void signIn();
});

// A token minted elsewhere (`npm run token -- bob`, or your own backend with the dev keys).
$<HTMLButtonElement>('#use-token').addEventListener('click', () => {
  const pasted = $<HTMLInputElement>('#pasted');
  const token = pasted.value.trim();
  if (!token) return pasted.focus();
  portal.fetchToken = undefined;
  portal.page = undefined;
  portal.token = token;
  pasted.value = '';
});

for (const name of [
  'pk-ready',
  'pk-navigate',
  'pk-error',
  'pk-session-expired',
  'pk-sign-out',
  'pk-exit-view',
] as const) {
  portal.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify((event as CustomEvent).detail)}`;
    events.prepend(item);
    while (events.children.length > 30) events.lastElementChild!.remove();
  });
}
portal.addEventListener('pk-exit-view', () => {
  persona.value = 'olivia';
  void signIn();
});

void signIn();
