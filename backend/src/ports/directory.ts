// What a few rules ask about the whole tenant — every company (R11's portfolio), every portal's
// head (R22's portfolio), the holders of an external role (R21) — read where it is kept, per
// request: a database's instance holds a company's portals and people only while it serves them
// (`DataStorage.loadCompanies`), never the tenant's.
import type { Company, Portal } from '../world/schema.js';

/** A portal as a list of portals shows it: no users, no settings. */
export type PortalHead = Pick<Portal, 'id' | 'name' | 'companyId' | 'invitedInternalIds'>;

/** A portal user holding a role, in its portal (named). */
export interface RoleHolder {
  portal: string;
  contactId: string;
}

export interface DirectoryReader {
  /** Every company of the tenant, in the order they were added. */
  companies(): Promise<Company[]>;
  /** Every portal's head, in the order they were added. */
  portals(): Promise<PortalHead[]>;
  /** How many portal users hold each external role (roles no one holds are left out). */
  roleHolders(): Promise<Map<string, number>>;
  /** The first `limit` holders of `roleId` (portals in the order they were added), and how many there are. */
  holdersOf(roleId: string, limit: number): Promise<{ holders: RoleHolder[]; total: number }>;
  /** How many companies and portals the tenant holds. */
  counts(): Promise<{ companies: number; portals: number }>;
}
