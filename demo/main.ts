import '../src/portalkit.js';
import { PORTAL_EVENTS, type PkPortal } from '../src/index.js';
import { demoBackend } from './backend.js';
import { mintLaunchToken, PERSONAS, type PersonaName } from './vendor-backend.js';

const $ = <T extends HTMLElement>(selector: string) => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing from index.html`);
  return el;
};
const portal = $<PkPortal>('#portal');
const persona = $<HTMLSelectElement>('#persona');
const events = $<HTMLOListElement>('#events');
const brand = $<HTMLInputElement>('#brand');
const renew = $<HTMLInputElement>('#renew');
const data = $<HTMLSelectElement>('#data');

$('#backend-tag').textContent = `portalkit demo · ${demoBackend.where}`;
for (const [name, p] of Object.entries(PERSONAS)) persona.add(new Option(p.label, name));
/** The portal now shown (from pk-ready): the brand colour applies to it. */
let currentPortalId: string | undefined;
/** Shown while a pasted token's person is none of the personas. */
const pastedOption = new Option('Pasted token', 'pasted');
const initial = new URLSearchParams(location.search).get('persona');
if (initial && initial in PERSONAS) persona.value = initial;

/** A line in the host's status bar, with "Sign in again" when the portal is signed out or ended. */
function hostStatus(text: string, offerSignIn = false) {
  $('#host-status').hidden = !text;
  $('#host-status-text').textContent = text;
  $('#sign-in-again').hidden = !offerSignIn;
}

async function signIn() {
  const name = persona.value as PersonaName;
  if (!(name in PERSONAS)) return;
  pastedOption.remove();
  hostStatus('');
  // What a vendor does: fetch a fresh token from their backend, and give fetchToken for renewals.
  portal.fetchToken = renew.checked ? () => mintLaunchToken(name) : undefined;
  portal.page = undefined;
  portal.token = await mintLaunchToken(name);
}

function useData() {
  return demoBackend.reset(data.value === 'large' ? 'large' : 'demo');
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
brand.addEventListener('change', async () => {
  const portalId =
    currentPortalId ?? (PERSONAS[persona.value as PersonaName] as { portal?: string } | undefined)?.portal;
  if (!portalId) return;
  await demoBackend.setBrand(portalId, brand.value);
  void signIn();
});
$<HTMLSelectElement>('#width').addEventListener(
  'change',
  (e) => ($('#portal-frame').style.maxWidth = (e.target as HTMLSelectElement).value),
);
data.addEventListener('change', () => {
  hostStatus(data.value === 'large' ? 'Building 100,000 licenses: this takes up to a minute…' : '');
  // Let the status paint before the world is built.
  setTimeout(async () => {
    await useData();
    void signIn();
  }, 30);
});
$<HTMLButtonElement>('#reset').addEventListener('click', async () => {
  await useData();
  void signIn();
});
renew.addEventListener('change', () => {
  const name = persona.value as PersonaName;
  portal.fetchToken = renew.checked && name in PERSONAS ? () => mintLaunchToken(name) : undefined;
});
// The backend forgets every session, as when one expires: the portal renews through fetchToken
// on its next call, or — without it — shows that the session ended.
$<HTMLButtonElement>('#end-session').addEventListener('click', () => {
  void demoBackend.endSessions();
  hostStatus(
    renew.checked
      ? 'Session ended on the server. Open any portal page: it renews without interrupting you.'
      : 'Session ended on the server. Open any portal page: without renewal the portal says the session ended.',
  );
});
$<HTMLButtonElement>('#sign-in-again').addEventListener('click', () => void signIn());

/** The payload of a JWT, unverified: only to show who a pasted token is for. */
function claimsOf(token: string): { sub?: string; portal?: string; act?: { sub?: string } } | undefined {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)) as { sub?: string; portal?: string; act?: { sub?: string } };
  } catch {
    return undefined;
  }
}

// A token minted elsewhere (`npm run token -- bob`, or your own backend with the dev keys).
$<HTMLButtonElement>('#use-token').addEventListener('click', () => {
  const pasted = $<HTMLInputElement>('#pasted');
  const token = pasted.value.trim();
  if (!token) return pasted.focus();
  // "Sign in as" follows the token: its persona when it is one, else "Pasted token".
  const claims = claimsOf(token);
  const match = Object.entries(PERSONAS).find(
    ([, p]) =>
      p.sub === claims?.sub &&
      (p as { portal?: string }).portal === claims?.portal &&
      ((p as { act?: string }).act ?? undefined) === claims?.act?.sub,
  );
  if (match) {
    pastedOption.remove();
    persona.value = match[0];
  } else {
    persona.add(pastedOption);
    persona.value = 'pasted';
  }
  hostStatus('');
  portal.fetchToken = undefined;
  portal.page = undefined;
  portal.token = token;
  pasted.value = '';
});

// Every event the portal fires, as a vendor would log them.
for (const name of PORTAL_EVENTS) {
  portal.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify((event as CustomEvent).detail)}`;
    events.prepend(item);
    while (events.children.length > 50) events.lastElementChild!.remove();
  });
}
portal.addEventListener('pk-ready', (event) => {
  const { portal: shown } = (event as CustomEvent<{ portal: { id: string; branding: { primary: string } } }>)
    .detail;
  currentPortalId = shown.id;
  // The picker shows the colour this portal really has (template or override).
  brand.value = shown.branding.primary;
  hostStatus('');
});
// Staff saved Branding in Manage portal: the picker follows the colour the backend now has.
portal.addEventListener('pk-settings-change', async (event) => {
  if (event.detail.area !== 'branding' || !currentPortalId) return;
  const color = await demoBackend.brand(currentPortalId);
  if (color) brand.value = color;
});
portal.addEventListener('pk-sign-out', () => hostStatus('You signed out of the portal.', true));
portal.addEventListener('pk-session-expired', () =>
  hostStatus('The portal session ended and was not renewed.', true),
);
// "Exit view" is handled by the portal itself (the session returns to the staff member, R22);
// the switcher follows when one of its personas is that staff member in this portal.
portal.addEventListener('pk-exit-view', () => {
  const current = PERSONAS[persona.value as PersonaName] as { act?: string; portal?: string } | undefined;
  const staff = Object.entries(PERSONAS).find(
    ([, p]) =>
      p.kind === 'internal' &&
      p.sub === current?.act &&
      (p as { portal?: string }).portal === current?.portal,
  );
  if (staff) persona.value = staff[0];
});

void signIn();
