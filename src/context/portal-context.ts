import { createContext } from '@lit/context';
import type { PortalApiClient } from '../api/client.js';
import type { Bootstrap } from '../contract/schemas.js';

/** The API client of the nearest <pk-portal>: parts make every call through it. */
export const apiContext = createContext<PortalApiClient | undefined>(Symbol('pk-api'));

/** The session's bootstrap (portal, user, navigation, what they may do). */
export const sessionContext = createContext<Bootstrap | undefined>(Symbol('pk-session'));
