import '../src/portalkit.js';
import type { PkPortal } from '../src/index.js';
import './backend.js';
import { mintLaunchToken } from './vendor-backend.js';

const portal = document.querySelector<PkPortal>('#portal')!;
portal.fetchToken = () => mintLaunchToken('alice');
portal.token = await mintLaunchToken('alice');
