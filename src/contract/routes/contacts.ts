// Routes of the contract: Contacts of the customer company (R16).
// One constant per route, in modules by area: a part's bundle carries the routes it calls only.
import type { Route } from '../route.js';
import * as s from '../schemas.js';

export const contactsUpdate = {
  key: 'contacts.update',
  method: 'PATCH',
  path: '/contacts/{contactId}',
  errors: ['email_in_use'],
  body: s.ContactUpdate,
  response: s.ContactItem,
} as const satisfies Route;

export const contactsList = {
  key: 'contacts.list',
  method: 'GET',
  path: '/contacts',
  response: s.ContactList,
} as const satisfies Route;

export const contactsCreate = {
  key: 'contacts.create',
  method: 'POST',
  path: '/contacts',
  errors: ['email_in_use', 'read_only_impersonation'],
  body: s.ContactCreate,
  response: s.ContactItem,
  status: 201,
} as const satisfies Route;
