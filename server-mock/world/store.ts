// In-memory store of one world, with id indexes. All mutation goes through here so the
// indexes stay true; the rules engine reads it and never writes around it.
import type { ModelName } from './models.js';
import type {
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
  #nextId = 1;

  constructor(world: World) {
    this.world = world;
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

  newId(prefix: string): string {
    return `${prefix}-new-${this.#nextId++}`;
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

  insertContact(contact: Contact): void {
    this.world.contacts.push(contact);
    this.contacts.set(contact.id, contact);
    this.version++;
  }
}
