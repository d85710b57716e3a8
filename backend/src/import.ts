// The vendor's data in: a world file read and validated, a world imported whole, and upserts from
// the vendor's own systems (added or replaced by id, refused whole with every problem's path).
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import type { DataStorage } from './ports/storage.js';
import {
  evolutionProblems,
  evolveModel,
  ModelDef,
  modelProblems,
  Schema,
  type ModelName,
} from './world/models.js';
import {
  Company,
  Contact,
  DataRecord,
  describeIssue,
  ExternalRole,
  InternalRole,
  InternalUser,
  Page,
  parseWorld,
  Portal,
  PortalTemplate,
  PortalUser,
  runnableProblems,
  Section,
  Team,
  valueProblems,
  WorldError,
  type World,
} from './world/schema.js';
import type { EntityList } from './world/store.js';

/** Reads and validates a world file: every problem as path + reason, the file's name included. */
export function loadWorldFile(path: string): World {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new WorldError([{ path: '(file)', reason: `${path}: ${(error as Error).message}` }]);
  }
  try {
    return parseWorld(data);
  } catch (error) {
    if (error instanceof WorldError) throw new WorldError(error.problems, path);
    throw error;
  }
}

/** A portal's settings as the import sends them; its users come as `portalUsers`. */
const PortalSettings = z.omit(Portal, { users: true });

/** What the vendor's own systems send: each list is added to or replaces by id (see `upsert`). */
export const Upserts = z.strictObject({
  /**
   * The tenant's models, added or replaced by name: a field left out is removed with its data
   * (its name is retired), one added starts empty, a relabel shows at once (see models.ts).
   */
  models: z.optional(z.array(ModelDef)),
  companies: z.optional(z.array(Company)),
  contacts: z.optional(z.array(Contact)),
  teams: z.optional(z.array(Team)),
  internalRoles: z.optional(z.array(InternalRole)),
  internalUsers: z.optional(z.array(InternalUser)),
  externalRoles: z.optional(z.array(ExternalRole)),
  templates: z.optional(z.array(PortalTemplate)),
  /** Without their users: an existing portal keeps its users, a new one starts with none. */
  portals: z.optional(z.array(PortalSettings)),
  sections: z.optional(z.array(Section)),
  pages: z.optional(z.array(Page)),
  /** A contact of the portal's company added to the portal with an external role (R1), or changed. */
  portalUsers: z.optional(z.array(z.extend(PortalUser, { portalId: z.string().check(z.minLength(1)) }))),
  /** By model name; a record's `portalIds` are the portals it is shared to (R3). */
  records: z.optional(z.record(z.string(), z.array(DataRecord))),
});
export type Upserts = z.input<typeof Upserts>;

/** The entity lists an upsert adds to or replaces by id, in the order references need them. */
const UPSERT_LISTS = [
  'companies',
  'contacts',
  'teams',
  'internalRoles',
  'internalUsers',
  'externalRoles',
  'templates',
  'sections',
  'pages',
] as const satisfies readonly EntityList[];

function invalid(problems: { path: string; reason: string }[]): never {
  throw new WorldError(problems, 'import');
}

/**
 * Imports from the vendor's systems in one write: each entity is added, or — when its id is
 * known — replaced by the version sent; portal users are added to or changed in their portal.
 * Every reference must name something known (stored, or in the same import), a portal user must
 * be a contact of the portal's company, and no portal may end with two active users sharing an
 * email (R16). Invalid input is refused whole, with the path and the problem of each; nothing is
 * applied.
 */
export async function upsert(
  storage: DataStorage,
  input: unknown,
): Promise<{ added: number; updated: number }> {
  const parsed = Upserts.safeParse(input);
  if (!parsed.success)
    invalid(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        reason: describeIssue(issue, input),
      })),
    );
  const data = parsed.data;
  const runnable = runnableProblems(data);
  if (runnable.length) invalid(runnable);
  return storage.write(async () => {
    for (const [model, records] of Object.entries(data.records ?? {}))
      await storage.loadRecords(
        model as ModelName,
        records.map((r) => r.id),
      );
    // The companies the checks read (an instance holds a company, its portals and its people when
    // a request needs them): of the portals this import sends or adds users to, of the contacts
    // it sends (the company each had and the one it names), of the portals those contacts are
    // users of, and of the contacts it makes portal users.
    const sentContacts = (data.contacts ?? []).map((c) => c.id);
    const portalIds = new Set([
      ...(data.portals ?? []).map((p) => p.id),
      ...(data.portalUsers ?? []).map((u) => u.portalId),
    ]);
    // The records' companies and portals too: a reference is checked against those held.
    const records = Object.values(data.records ?? {}).flat();
    await storage.loadCompanies({
      companies: [
        ...(data.companies ?? []).map((c) => c.id),
        ...(data.contacts ?? []).map((c) => c.companyId),
        ...(data.portals ?? []).map((p) => p.companyId),
        ...records.map((r) => r.companyId),
      ],
      portals: [...portalIds, ...records.flatMap((r) => r.portalIds)],
      contacts: [...sentContacts, ...(data.portalUsers ?? []).map((u) => u.contactId)],
      usersOf: sentContacts,
    });
    // A sent contact's email may clash in any portal of its company, before or after the import.
    const sentCompanies = new Set((data.contacts ?? []).map((c) => c.companyId));
    for (const id of sentContacts) {
      const stored = storage.store.contacts.get(id);
      if (stored) sentCompanies.add(stored.companyId);
    }
    // The portals whose users or users' emails this import may change (in any other, nothing
    // changes: all of these are held now), and the people of their users.
    const sent = new Set(sentContacts);
    const affected = new Set(
      storage.store.world.portals
        .filter(
          (p) =>
            portalIds.has(p.id) ||
            sentCompanies.has(p.companyId) ||
            p.users.some((u) => sent.has(u.contactId)),
        )
        .map((p) => p.id),
    );
    for (const id of portalIds) affected.add(id);
    await storage.loadCompanies({
      contacts: [...affected].flatMap(
        (id) => storage.store.portals.get(id)?.users.map((u) => u.contactId) ?? [],
      ),
    });
    const store = storage.store;
    // Everything is checked against the world as it will be, before anything changes.
    const after = <L extends EntityList>(list: L) => {
      const byId = new Map((store.world[list] as { id: string }[]).map((e) => [e.id, e]));
      for (const e of (data as Record<string, { id: string }[] | undefined>)[list] ?? []) byId.set(e.id, e);
      return byId as Map<string, World[L][number]>;
    };
    // The schema as it will be: sent models replace stored ones by name (see `evolveModel`).
    const models = new Map(store.world.models.map((m) => [m.id, m]));
    for (const sent of data.models ?? []) models.set(sent.id, evolveModel(models.get(sent.id), sent));
    const schema = new Schema([...models.values()]);
    const companies = after('companies');
    const contacts = after('contacts');
    const portals = after('portals');
    const problems: { path: string; reason: string }[] = [];
    const known = (map: Map<string, unknown>, id: string | undefined, path: string, what: string) => {
      if (id !== undefined && !map.has(id))
        problems.push({ path, reason: `no ${what} with id ${JSON.stringify(id)}` });
    };
    data.models?.forEach((m, i) => {
      const next = models.get(m.id)!;
      problems.push(...modelProblems(next, (name) => schema.has(name), `models.${i}`));
      problems.push(...evolutionProblems(store.models.get(m.id), next, `models.${i}`));
    });
    data.pages?.forEach((p, i) => {
      if (p.model !== undefined && !schema.has(p.model))
        problems.push({ path: `pages.${i}.model`, reason: `no model ${JSON.stringify(p.model)}` });
    });
    data.contacts?.forEach((c, i) => known(companies, c.companyId, `contacts.${i}.companyId`, 'company'));
    data.internalUsers?.forEach((u, i) =>
      known(after('internalRoles'), u.roleId, `internalUsers.${i}.roleId`, 'internal role'),
    );
    data.portals?.forEach((p, i) => {
      known(companies, p.companyId, `portals.${i}.companyId`, 'company');
      known(after('templates'), p.templateId, `portals.${i}.templateId`, 'template');
    });
    data.pages?.forEach((p, i) => known(after('sections'), p.sectionId, `pages.${i}.sectionId`, 'section'));
    const externalRoles = after('externalRoles');
    data.portalUsers?.forEach((u, i) => {
      const portal = portals.get(u.portalId);
      known(portals, u.portalId, `portalUsers.${i}.portalId`, 'portal');
      known(externalRoles, u.roleId, `portalUsers.${i}.roleId`, 'external role');
      const contact = contacts.get(u.contactId);
      if (!contact) known(contacts, u.contactId, `portalUsers.${i}.contactId`, 'contact');
      else if (portal && contact.companyId !== portal.companyId)
        problems.push({
          path: `portalUsers.${i}.contactId`,
          reason: `contact ${u.contactId} is not of portal ${u.portalId}'s company (${portal.companyId})`,
        });
    });
    for (const [model, records] of Object.entries(data.records ?? {})) {
      if (!schema.has(model))
        problems.push({ path: `records.${model}`, reason: 'not a model of this tenant' });
      records.forEach((r, i) => {
        problems.push(...valueProblems(schema, model, r.fields, `records.${model}.${i}.fields`));
        known(companies, r.companyId, `records.${model}.${i}.companyId`, 'company');
        r.portalIds.forEach((id, j) => known(portals, id, `records.${model}.${i}.portalIds.${j}`, 'portal'));
      });
    }
    // R16: the users each portal will have, and their emails — of the portals whose users or
    // whose users' emails this import may change (in any other, nothing changes).
    const usersAfter = new Map<string, World['portals'][number]['users']>();
    for (const portal of portals.values()) {
      if (!affected.has(portal.id)) continue;
      const stored = store.portals.get(portal.id);
      usersAfter.set(
        portal.id,
        (stored?.users ?? []).map((u) => ({ ...u })),
      );
    }
    for (const { portalId, ...user } of data.portalUsers ?? []) {
      const users = usersAfter.get(portalId);
      if (!users) continue;
      const at = users.findIndex((u) => u.contactId === user.contactId);
      if (at >= 0) users[at] = user;
      else users.push(user);
    }
    // Only a clash this import would create is refused: one already stored is R16's to refuse
    // at sign-in (and the demo keeps one on purpose).
    const clashes = (
      users: World['portals'][number]['users'],
      emailOf: (id: string) => string | undefined,
    ): Map<string, [string, string]> => {
      const byEmail = new Map<string, string>();
      const found = new Map<string, [string, string]>();
      for (const user of users) {
        const email = emailOf(user.contactId)?.trim().toLowerCase();
        if (!user.active || !email) continue;
        const other = byEmail.get(email);
        if (other) found.set([other, user.contactId].sort().join('\u0000'), [other, user.contactId]);
        else byEmail.set(email, user.contactId);
      }
      return found;
    };
    // By portal id: an instance holds its portals in the order it read their companies.
    for (const [portalId, users] of [...usersAfter].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const before = clashes(store.portals.get(portalId)?.users ?? [], (id) => store.contacts.get(id)?.email);
      for (const [key, [a, b]] of clashes(users, (id) => contacts.get(id)?.email))
        if (!before.has(key))
          problems.push({
            path: `portalUsers (portal ${portalId})`,
            reason: `contacts ${a} and ${b} would be active users with the same email: sign-in would be refused for both (R16)`,
          });
    }
    if (problems.length) invalid(problems);

    let added = 0;
    let updated = 0;
    const put = <L extends EntityList>(list: L, entity: World[L][number]) => {
      if (store.entity(list, entity.id)) {
        store.replace(list, entity);
        updated++;
      } else {
        store.insert(list, entity);
        added++;
      }
    };
    for (const sent of data.models ?? []) put('models', models.get(sent.id)!);
    for (const list of UPSERT_LISTS)
      for (const entity of (data as Record<string, World[typeof list]>)[list] ?? []) put(list, entity);
    for (const portal of data.portals ?? [])
      put('portals', { ...portal, users: usersAfter.get(portal.id) ?? [] });
    const touched = new Set((data.portalUsers ?? []).map((u) => u.portalId));
    for (const id of touched)
      if (!data.portals?.some((p) => p.id === id)) {
        const portal = store.portals.get(id)!;
        store.replace('portals', { ...portal, users: usersAfter.get(id)! });
        updated++;
      }
    for (const [model, records] of Object.entries(data.records ?? {}) as [ModelName, DataRecord[]][])
      for (const record of records) {
        const existing = store.record(model, record.id);
        if (existing) {
          Object.assign(existing, record);
          store.changedRecord(model, existing);
          updated++;
        } else {
          store.insertRecord(model, record);
          added++;
        }
      }
    return { added, updated };
  });
}

/** Replaces everything with a world file's content (validated first; sessions end). */
export async function importWorld(storage: DataStorage, input: unknown): Promise<void> {
  await storage.reset(parseWorld(input));
}
