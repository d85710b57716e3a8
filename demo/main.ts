import '../src/portalkit.js';

// Until the mock backend and persona switcher land, the portal shows its waiting state.
const portal = document.querySelector('pk-portal');
if (!portal) throw new Error('demo: <pk-portal id="portal"> is missing from index.html');
