// In-memory store of one world, with id indexes. All mutation goes through here so the
// indexes stay true, and every change is named (`changed`, `insert…`, `remove…`, `audit`) so a
// database storage can commit exactly what a write changed (`takeChanges`). The rules engine
// reads it and never writes around it.
import { Schema, type ModelDef, type ModelName } from './models.js';
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
import { sanitizeStoredHtml } from './sanitize.js';

/** The lists of a world whose entities have ids and may change after they are added. */
export const ENTITY_LISTS = [
  'models',
  'companies',
  'contacts',
  'teams',
  'internalRoles',
  'internalUsers',
  'externalRoles',
  'templates',
  'portals',
  'sections',
  'pages',
  'workflows',
  'tasks',
  'comments',
  'files',
  'documents',
  'automations',
] as const;
export type EntityList = (typeof ENTITY_LISTS)[number];
/** Lists that only ever grow (R15, R23): entries are appended, never changed or removed. */
export type AppendList = 'activity' | 'audit';

/** One change a write made, for a storage to persist (in order). */
export type Change =
  | {
      kind: 'entity';
      list: EntityList;
      id: string;
      removed: boolean;
      inserted?: boolean;
      /** A removed entity's portals (see `portalsOf`), as it had them. */
      portalIds?: string[];
    }
  | { kind: 'record'; model: ModelName; id: string; removed: boolean; portalIds?: string[] }
  | { kind: 'append'; list: AppendList; entry: unknown };

/** Where a record stands in its model's insertion order, and whose it is. */
export interface RecordPlace {
  ord: number;
  companyId: string;
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

export class Store {
  readonly world: World;
  /** The tenant's models by name (the schema: see `schema`). */
  readonly models: Map<string, ModelDef>;
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
  /**
   * Each record's place in insertion order, kept after it is removed (a list cursor may still
   * name it): ties in a sorted list, and a cursor, resolve through it.
   */
  readonly #places = new Map<string, RecordPlace>();
  #nextOrd = 0;
  /** Bumped on every write: lets callers cache per-version derived data. */
  version = 0;
  #schema: Schema | undefined;
  /** Changes since the last `takeChanges`, one per entity (the latest wins). */
  readonly #changes = new Map<string, Change>();
  /** Appended entries have no id: each gets its own key in `#changes`. */
  #appended = 0;

  /** Whether appended log entries stay in `world` (memory) or only go to `takeChanges` (a database). */
  readonly #keepLogs: boolean;

  constructor(world: World, options: { keepLogs?: boolean } = {}) {
    this.world = world;
    this.#keepLogs = options.keepLogs ?? true;
    // R8: HTML enters storage sanitised, whether written through the API or imported; plain text is
    // kept as typed (an import holding text that would run is refused by the world's schema).
    for (const page of world.pages) if (page.html !== undefined) page.html = sanitizeStoredHtml(page.html);
    for (const doc of world.documents) doc.body = sanitizeStoredHtml(doc.body);
    this.models = byId(world.models);
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
      for (const record of records) this.#place(model, record);
    }
  }

  /** The tenant's schema as the store holds it now (rebuilt after its models change). */
  get schema(): Schema {
    return (this.#schema ??= new Schema(this.world.models));
  }

  /** The record's place in insertion order and its company (removed records keep both). */
  recordPlace(model: ModelName, id: string): RecordPlace | undefined {
    return this.#places.get(`${model}\u0000${id}`);
  }

  #place(model: ModelName, record: DataRecord) {
    this.#places.set(`${model}\u0000${record.id}`, { ord: this.#nextOrd++, companyId: record.companyId });
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
    this.#place(model, record);
    this.#note({ kind: 'record', model, id: record.id, removed: false });
  }

  removeRecord(model: ModelName, id: string): void {
    const portalIds = this.record(model, id)?.portalIds ?? [];
    this.#records.get(model)?.delete(id);
    const list = this.world.records[model];
    if (list) this.world.records[model] = list.filter((r) => r.id !== id);
    this.#note({ kind: 'record', model, id, removed: true, portalIds: [...portalIds] });
  }

  /**
   * The portals whose people may see an entity: its own `portalIds` or `portalId`, a portal
   * itself, a workflow's task through its workflow, a comment through its task.
   */
  portalsOf(list: EntityList | 'tenant', entity: { id: string } | undefined): string[] {
    if (!entity) return [];
    const e = entity as {
      id: string;
      portalIds?: string[];
      portalId?: string;
      workflowId?: string;
      taskId?: string;
    };
    if (list === 'portals') return [e.id];
    if (list === 'comments' && e.taskId) return this.portalsOf('tasks', this.tasks.get(e.taskId));
    if (list === 'tasks' && e.workflowId)
      return [...(this.world.workflows.find((w) => w.id === e.workflowId)?.portalIds ?? [])];
    if (Array.isArray(e.portalIds)) return [...e.portalIds];
    return typeof e.portalId === 'string' ? [e.portalId] : [];
  }

  /** Records a change made in place on an entity of `list` the store already holds. */
  changed(list: EntityList, entity: { id: string }): void {
    this.#noteEntity(list, entity.id, false);
  }

  /** Notes a change of an entity; one this write added stays an insertion when changed after. */
  #noteEntity(list: EntityList, id: string, inserted: boolean): void {
    if (list === 'models') this.#schema = undefined;
    const key = `${list}\u0000${id}`;
    const previous = this.#changes.get(key);
    const added = inserted || (previous?.kind === 'entity' && !!previous.inserted);
    this.#changes.set(key, {
      kind: 'entity',
      list,
      id,
      removed: false,
      ...(added ? { inserted: true } : {}),
    });
    this.version++;
  }

  /** Records a change made in place on a record's fields or sharing. */
  changedRecord(model: ModelName, record: DataRecord): void {
    this.#note({ kind: 'record', model, id: record.id, removed: false });
  }

  /** Adds an entity at the end of its list. */
  insert<L extends EntityList>(list: L, entity: World[L][number]): void {
    (this.world[list] as { id: string }[]).push(entity);
    this.#index(list)?.set(entity.id, entity);
    this.#noteEntity(list, entity.id, true);
  }

  /** Replaces an entity with a changed copy, in place in its list (a save decided before it is applied). */
  replace<L extends EntityList>(list: L, entity: World[L][number]): void {
    const items = this.world[list] as { id: string }[];
    const at = items.findIndex((e) => e.id === entity.id);
    // A list a database's instance holds in part (contacts) is loaded before it is written.
    if (at < 0) throw new Error(`Store: no ${list} ${entity.id} held to replace`);
    items[at] = entity;
    this.#index(list)?.set(entity.id, entity);
    this.changed(list, entity);
  }

  remove(list: EntityList, id: string): void {
    const portalIds = this.portalsOf(list, this.entity(list, id));
    (this.world as Record<EntityList, { id: string }[]>)[list] = (
      this.world[list] as { id: string }[]
    ).filter((e) => e.id !== id);
    this.#index(list)?.delete(id);
    if (list === 'models') this.#schema = undefined;
    this.#changes.set(`${list}\u0000${id}`, { kind: 'entity', list, id, removed: true, portalIds });
    this.version++;
  }

  /** R23: appends to the audit trail; entries are never changed or removed. */
  audit(entry: Omit<AuditEntry, 'at'> & { at: Date }): void {
    const frozen = Object.freeze({ ...entry, at: entry.at.toISOString() });
    if (this.#keepLogs) this.world.audit.push(frozen);
    this.#changes.set(`append\u0000${this.#appended++}`, { kind: 'append', list: 'audit', entry: frozen });
  }

  /** R15: appends to the activity log. */
  appendActivity(event: World['activity'][number]): void {
    if (this.#keepLogs) this.world.activity.push(event);
    this.#changes.set(`append\u0000${this.#appended++}`, {
      kind: 'append',
      list: 'activity',
      entry: event,
    });
  }

  /** The changes since the last call, in the order they were first made; the list starts again empty. */
  takeChanges(): Change[] {
    const changes = [...this.#changes.values()];
    this.#changes.clear();
    return changes;
  }

  /**
   * Applies a change another instance committed (a database storage catching up): the entity
   * takes the stored state in place, is added at the end of its list, or is removed. Not a
   * change of this instance: nothing is recorded for `takeChanges`.
   */
  applyEntity(list: EntityList, id: string, body: { id: string } | null): void {
    const existing = this.entity(list, id);
    if (body === null) {
      if (existing) this.remove(list, id);
    } else if (existing) {
      for (const key of Object.keys(existing))
        if (!(key in body)) delete (existing as Record<string, unknown>)[key];
      Object.assign(existing, body);
    } else {
      (this.world[list] as { id: string }[]).push(body);
      this.#index(list)?.set(id, body);
    }
    if (list === 'models') this.#schema = undefined;
    this.#changes.delete(`${list}\u0000${id}`);
    this.version++;
  }

  /** As `applyEntity`, for a record (kept in place, so its derived sort keys stay valid). */
  applyRecord(model: ModelName, id: string, record: DataRecord | null): void {
    const existing = this.record(model, id);
    if (record === null) {
      if (existing) {
        this.#records.get(model)?.delete(id);
        this.world.records[model] = this.world.records[model]!.filter((r) => r !== existing);
      }
    } else if (existing) {
      Object.assign(existing, record);
    } else {
      let map = this.#records.get(model);
      if (!map) this.#records.set(model, (map = new Map()));
      map.set(id, record);
      (this.world.records[model] ??= []).push(record);
      this.#place(model, record);
    }
    this.version++;
  }

  /**
   * Forgets every record (the models stay known): a database storage keeps records only for the
   * write that loaded them (`DataStorage.loadRecords`).
   */
  forgetRecords(): void {
    for (const model of Object.keys(this.world.records) as ModelName[]) this.world.records[model] = [];
    this.#records.clear();
    this.#places.clear();
    this.version++;
  }

  /**
   * Lets go of the entities of `list` that `drop` selects, as if they had never been loaded: not a
   * change (a database storage holds some lists in part, and reads the rest when a request needs it).
   */
  forget<L extends EntityList>(list: L, drop: (entity: World[L][number]) => boolean): void {
    const kept: World[L][number][] = [];
    const index = this.#index(list);
    for (const entity of this.world[list] as World[L][number][])
      if (!drop(entity)) kept.push(entity);
      else index?.delete(entity.id);
    (this.world as Record<EntityList, unknown[]>)[list] = kept;
  }

  /** The entity `id` of `list`, as the store holds it. */
  entity(list: EntityList, id: string): { id: string } | undefined {
    const index = this.#index(list);
    return index ? index.get(id) : (this.world[list] as { id: string }[]).find((e) => e.id === id);
  }

  /** The id index of a list, where the store keeps one. */
  #index(list: EntityList): Map<string, { id: string }> | undefined {
    const index = (this as unknown as Record<string, unknown>)[list];
    return index instanceof Map ? (index as Map<string, { id: string }>) : undefined;
  }

  #note(change: Extract<Change, { kind: 'record' }>) {
    this.#changes.set(`record\u0000${change.model}\u0000${change.id}`, change);
    this.version++;
  }
}
