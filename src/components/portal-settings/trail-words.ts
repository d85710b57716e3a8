// R15, R23: the activity feed and the audit trail in words. The server names things for the reader
// (people, records, roles, pages); the words around them, and for codes, are the reader's language.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { ReadableChange } from '../../contract/manage.js';
import { formatNumber } from '../../internal/format.js';

/** What an entry acted on, as the server named it for the reader (no name: gone or not theirs to see). */
export interface NamedObject {
  type: string;
  name?: string | undefined;
}

/** The object of an action in words: "License Acme Pro", "task Configure SSO", "a file". */
function objectWords(action: string, { type, name }: NamedObject): string {
  // A record's type is its model (the tenant's own word).
  if (action.startsWith('record.')) return name ? `${type} ${name}` : msg(str`a ${type} record`);
  switch (type) {
    case 'task':
      return name ? msg(str`task ${name}`) : msg('a task');
    case 'file':
      return name ? msg(str`file ${name}`) : msg('a file');
    case 'document':
      return name ? msg(str`document ${name}`) : msg('a document');
    case 'section':
      return name ? msg(str`section ${name}`) : msg('a section');
    case 'page':
      return name ? msg(str`page ${name}`) : msg('a page');
    case 'role':
      return name ? msg(str`role ${name}`) : msg('a role');
    case 'contact':
      return name ?? msg('a contact');
    default:
      return name ?? type;
  }
}

/**
 * What someone did, after their name: "updated License Acme Pro", "completed task Import data".
 * `changes` tell a task completed from one reopened.
 */
export function actionWords(
  action: string,
  object: NamedObject,
  changes?: readonly ReadableChange[],
): string {
  const what = objectWords(action, object);
  switch (action) {
    case 'record.create':
    case 'role.create':
      return msg(str`created ${what}`);
    case 'record.update':
      return msg(str`updated ${what}`);
    case 'record.remove':
    case 'file.remove':
    case 'role.remove':
      return msg(str`removed ${what}`);
    case 'record.share':
    case 'file.share':
      return msg(str`shared ${what}`);
    case 'record.unshare':
    case 'file.unshare':
      return msg(str`stopped sharing ${what}`);
    case 'task.status':
      return changes?.find((c) => c.field === 'status')?.to === 'open'
        ? msg(str`reopened ${what}`)
        : msg(str`completed ${what}`);
    case 'comment.create':
      return msg(str`commented on ${what}`);
    case 'file.upload':
      return msg(str`uploaded ${what}`);
    case 'document.save':
      return msg(str`edited ${what}`);
    case 'section.share':
    case 'page.share':
      return msg(str`changed the sharing of ${what}`);
    case 'portal_user.add':
      return msg(str`added ${what} as a portal user`);
    case 'portal_user.update':
      return msg(str`changed portal user ${what}`);
    case 'portal_user.remove':
      return msg(str`removed ${what} from the portal`);
    case 'portal.audience':
      return msg('changed who may sign in');
    case 'portal.invite':
      return msg('changed who of your team is invited');
    case 'portal.branding':
      return msg('changed the colours');
    case 'role.clone':
      return msg(str`created ${what} as a copy`);
    case 'contact.create':
      return msg(str`added contact ${what}`);
    case 'contact.update':
      return msg(str`changed contact ${what}`);
    default:
      return msg(str`changed ${what}`);
  }
}

/** A feed event in words: a page view, or an action of an external user (R15). */
export function feedWords(event: {
  kind: string;
  page: string | null;
  object?: NamedObject | undefined;
  changes?: readonly ReadableChange[] | undefined;
}): string {
  if (event.object) return actionWords(event.kind, event.object, event.changes);
  const page = event.page ?? msg('a page');
  return event.kind === 'page_view' ? msg(str`viewed ${page}`) : event.kind;
}

const FIELD_LABELS: Record<string, () => string> = {
  share: () => msg('Shared as'),
  roleId: () => msg('Role'),
  active: () => msg('Active'),
  admin: () => msg('Admin'),
  name: () => msg('Name'),
  email: () => msg('Email'),
  featured: () => msg('Featured'),
  status: () => msg('Status'),
  owner: () => msg('Assigned to'),
  sharedInPortal: () => msg('Shared in portal'),
  version: () => msg('Version'),
  audience: () => msg('Who may sign in'),
  audienceContacts: () => msg('Selected contacts'),
  invitedInternalIds: () => msg('Your team in this portal'),
  templateId: () => msg('Template'),
  primary: () => msg('Brand colour'),
  accent: () => msg('Accent'),
  surface: () => msg('Surface colour'),
  fileAccess: () => msg('File Download / Upload Access'),
  taskUpdate: () => msg('Update any task'),
  comment: () => msg('Comment'),
  models: () => msg('Permissions'),
};

/** Words for the codes a change may hold, per field. */
function valueWords(field: string, value: string): string {
  const words: Record<string, Record<string, () => string>> = {
    share: {
      view: () => msg('View'),
      edit: () => msg('Edit'),
      none: () => msg('Hidden'),
      section: () => msg('As its section'),
    },
    status: { open: () => msg('Open'), done: () => msg('Done') },
    audience: {
      all: () => msg('All portal users'),
      featured: () => msg('Featured contacts'),
      selected: () => msg('Selected contacts'),
    },
  };
  return words[field]?.[value]?.() ?? value;
}

const RIGHTS: Record<string, () => string> = {
  create: () => msg('Create'),
  view: () => msg('View'),
  update: () => msg('Update'),
  remove: () => msg('Remove'),
  export: () => msg('Export'),
};

/** One change in words: "Seats: 675 → 42", "Shared as: Not shared → View", "License gained View". */
export function changeWords(change: ReadableChange, locale: string): string {
  const label = change.label ?? FIELD_LABELS[change.field]?.() ?? change.field;
  if (change.grants) {
    const rights = (list: readonly string[]) => list.map((r) => RIGHTS[r]?.() ?? r).join(', ');
    const told = change.grants.flatMap(({ model, field, gained, lost }) => {
      const where = field ? `${model} › ${field}` : model;
      const [added, taken] = [rights(gained), rights(lost)];
      return [
        ...(gained.length ? [msg(str`${where} gained ${added}`)] : []),
        ...(lost.length ? [msg(str`${where} lost ${taken}`)] : []),
      ];
    });
    return `${label}: ${told.join('; ') || msg('no change')}`;
  }
  const shown = (value: ReadableChange['from']): string => {
    if (value === null) return change.field === 'share' ? msg('Not shared') : '—';
    if (typeof value === 'boolean') return value ? msg('Yes') : msg('No');
    if (typeof value === 'number') return formatNumber(value, locale);
    if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
    // A record's field arrives as the table shows it (an enum's label); codes are the portal's own.
    return change.label ? value : valueWords(change.field, value);
  };
  return `${label}: ${shown(change.from)} → ${shown(change.to)}`;
}

/** What an action changed, one change a line (a record's fields only those the reader may see). */
export const changesTemplate = (changes: readonly ReadableChange[] | undefined, locale: string) =>
  changes?.length
    ? html`<ul class="changes">
        ${changes.map((c) => html`<li>${changeWords(c, locale)}</li>`)}
      </ul>`
    : nothing;
