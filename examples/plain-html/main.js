// A plain page embedding the portal: the token comes from the host's own backend (/token), and
// fetchToken lets the portal renew the session without interrupting the person.
import 'portalkit';

const fetchToken = async () => (await (await fetch('/token', { method: 'POST' })).json()).token;

const portal = document.querySelector('pk-portal');
portal.fetchToken = fetchToken;
portal.addEventListener('pk-ready', (event) => {
  document.querySelector('#status').textContent = `Signed in as ${event.detail.user.name}`;
});
portal.addEventListener('pk-error', (event) => console.warn('portal:', event.detail.code, event.detail.hint));
portal.token = await fetchToken();
