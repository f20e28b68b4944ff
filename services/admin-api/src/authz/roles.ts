// Role mappings (claim value → role) from admin.role_mappings, cached for a few seconds so that
// each request does not read them, and re-read at once after a change made through this process.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import * as rolesDb from "../db/roles.queries.ts";
import { highestRole, isRole, type Role } from "./policy.ts";

export interface RoleMapping {
  claimValue: string;
  role: Role;
  updatedAt: Date;
  updatedBy: string;
}

export class RoleDirectory {
  private cache?: { at: number; mappings: Map<string, Role> };

  constructor(
    private readonly sql: Sql,
    readonly claim: string,
    private readonly ttlMs = 5_000,
  ) {}

  async roleFor(claimValues: readonly string[]): Promise<Role | null> {
    return highestRole(claimValues, await this.mappings());
  }

  private async mappings(): Promise<Map<string, Role>> {
    if (this.cache && Date.now() - this.cache.at < this.ttlMs) return this.cache.mappings;
    const rows = await rolesDb.listRoleMappings.run(undefined, pgtyped(this.sql));
    const mappings = new Map(rows.filter((r) => isRole(r.role)).map((r) => [r.claim_value, r.role as Role]));
    this.cache = { at: Date.now(), mappings };
    return mappings;
  }

  async list(): Promise<RoleMapping[]> {
    const rows = await rolesDb.listRoleMappings.run(undefined, pgtyped(this.sql));
    return rows.map((r) => ({ claimValue: r.claim_value, role: r.role as Role, updatedAt: r.updated_at, updatedBy: r.updated_by }));
  }

  async set(claimValue: string, role: Role, by: string): Promise<RoleMapping> {
    const [r] = await rolesDb.upsertRoleMapping.run({ claimValue, role, updatedBy: by }, pgtyped(this.sql));
    this.cache = undefined;
    return { claimValue: r!.claim_value, role: r!.role as Role, updatedAt: r!.updated_at, updatedBy: r!.updated_by };
  }

  async delete(claimValue: string): Promise<boolean> {
    const rows = await rolesDb.deleteRoleMapping.run({ claimValue }, pgtyped(this.sql));
    this.cache = undefined;
    return rows.length > 0;
  }

  /** Adds the configured mappings that are missing (never overrides one an admin changed). */
  async bootstrap(mappings: ReadonlyMap<string, Role>): Promise<void> {
    for (const [claimValue, role] of mappings) await rolesDb.insertRoleMappingIfMissing.run({ claimValue, role, updatedBy: "configuration" }, pgtyped(this.sql));
    this.cache = undefined;
  }
}
