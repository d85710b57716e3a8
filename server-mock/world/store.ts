// In-memory store of one world, with id indexes. All mutation goes through here so the
// indexes stay true; the rules engine reads it and never writes around it.
import type { ModelName } from './models.js';
import type {
  AuditEntry,
  Company,
  Contact,
  DataRecord,
  DocumentEntry,
  ExternalRole,
  FileEntry,
  InternalRole,
  InternalUser,
  Page,
  Portal,
  PortalTaskItem,
  World,
} from './schema.js';
import { sanitizeStoredHtml, sanitizeStoredText } from './sanitize.js';

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

export class Store {
  readonly world: World;
  readonly companies: Map<string, Company>;
  readonly contacts: Map<string, Contact>;
  readonly internalUsers: Map<string, InternalUser>;
  readonly internalRoles: Map<string, InternalRole>;
  readonly externalRoles: Map<string, ExternalRole>;
  readonly portals: Map<string, Portal>;
  readonly pages: Map<string, Page>;
  readonly tasks: Map<string, PortalTaskItem>;
  readonly files: Map<string, FileEntry>;
  readonly documents: Map<string, DocumentEntry>;
  readonly #records = new Map<ModelName, Map<string, DataRecord>>();
  /** Bumped on every write: lets callers cache per-version derived data. */
  version = 0;

  constructor(world: World) {
    this.world = world;
    // R8: content enters storage sanitised, whether written through the API or imported.
    for (const page of world.pages) if (page.html !== undefined) page.html = sanitizeStoredHtml(page.html);
    for (const doc of world.documents) doc.body = sanitizeStoredHtml(doc.body);
    for (const comment of world.comments) comment.body = sanitizeStoredText(comment.body);
    this.companies = byId(world.companies);
    this.contacts = byId(world.contacts);
    this.internalUsers = byId(world.internalUsers);
    this.internalRoles = byId(world.internalRoles);
    this.externalRoles = byId(world.externalRoles);
    this.portals = byId(world.portals);
    this.pages = byId(world.pages);
    this.tasks = byId(world.tasks);
    this.files = byId(world.files);
    this.documents = byId(world.documents);
    for (const [model, records] of Object.entries(world.records) as [ModelName, DataRecord[]][]) {
      this.#records.set(model, byId(records));
    }
  }

  /** All records of a model, in insertion order. */
  records(model: ModelName): Iterable<DataRecord> {
    return this.#records.get(model)?.values() ?? [];
  }

  record(model: ModelName, id: string): DataRecord | undefined {
    return this.#records.get(model)?.get(id);
  }

  /**
   * A new id: 122 random bits, never a counter, so an id tells nobody how many others were
   * created meanwhile, in their company or another (R3).
   */
  newId(prefix: string): string {
    return `${prefix}-${crypto.randomUUID()}`;
  }

  insertRecord(model: ModelName, record: DataRecord): void {
    let map = this.#records.get(model);
    if (!map) this.#records.set(model, (map = new Map()));
    map.set(record.id, record);
    (this.world.records[model] ??= []).push(record);
    this.version++;
  }

  removeRecord(model: ModelName, id: string): void {
    this.#records.get(model)?.delete(id);
    const list = this.world.records[model];
    if (list) this.world.records[model] = list.filter((r) => r.id !== id);
    this.version++;
  }

  /** Records a change made in place on an entity the store already holds. */
  touch(): void {
    this.version++;
  }

  insertFile(file: FileEntry): void {
    this.world.files.push(file);
    this.files.set(file.id, file);
    this.version++;
  }

  removeFile(id: string): void {
    this.world.files = this.world.files.filter((f) => f.id !== id);
    this.files.delete(id);
    this.version++;
  }

  /** R23: appends to the audit trail; entries are never changed or removed. */
  audit(entry: Omit<AuditEntry, 'at'> & { at: Date }): void {
    this.world.audit.push(Object.freeze({ ...entry, at: entry.at.toISOString() }));
  }

  /** Replaces a contact with a changed copy (a save is decided before it is applied). */
  replaceContact(contact: Contact): void {
    const index = this.world.contacts.findIndex((c) => c.id === contact.id);
    this.world.contacts[index] = contact;
    this.contacts.set(contact.id, contact);
    this.version++;
  }

  insertContact(contact: Contact): void {
    this.world.contacts.push(contact);
    this.contacts.set(contact.id, contact);
    this.version++;
  }
}
