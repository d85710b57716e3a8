// The tenant's companies, portals and role holders in memory: the store holds them all.
import type { DirectoryReader, RoleHolder } from '../../ports/directory.js';
import type { Store } from '../../world/store.js';

export class MemoryDirectoryReader implements DirectoryReader {
  readonly #store: () => Store;

  constructor(store: () => Store) {
    this.#store = store;
  }

  async companies() {
    return [...this.#store().world.companies];
  }

  async portals() {
    return this.#store().world.portals.map(({ id, name, companyId, invitedInternalIds }) => ({
      id,
      name,
      companyId,
      invitedInternalIds,
    }));
  }

  async roleHolders() {
    const holding = new Map<string, number>();
    for (const portal of this.#store().world.portals)
      for (const user of portal.users) holding.set(user.roleId, (holding.get(user.roleId) ?? 0) + 1);
    return holding;
  }

  async holdersOf(roleId: string, limit: number) {
    const holders: RoleHolder[] = [];
    let total = 0;
    for (const portal of this.#store().world.portals)
      for (const user of portal.users)
        if (user.roleId === roleId && total++ < limit)
          holders.push({ portal: portal.name, contactId: user.contactId });
    return { holders, total };
  }

  async counts() {
    const { world } = this.#store();
    return { companies: world.companies.length, portals: world.portals.length };
  }
}
