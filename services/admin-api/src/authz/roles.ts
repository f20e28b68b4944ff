// Role mappings (claim value → a role on a set of ledgers) from admin.role_mappings, cached for a
// few seconds so that each request does not read them, and re-read at once after a change made
// through this process. Changes run with the ledgers of the caller in the database setting
// (row-level security, sql/migrations/0043); reads need none.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import * as rolesDb from "../db/roles.queries.ts";
import { inLedgers } from "../db/scope.ts";
import { EVERY_LEDGER, type Grant, grantsFor, isRole, type Role } from "./policy.ts";

export interface RoleMapping extends Grant {
  claimValue: string;
  updatedAt: Date;
  updatedBy: string;
}

export class RoleDirectory {
  private cache?: { at: number; mappings: Map<string, Grant> };

  constructor(
    private readonly sql: Sql,
    readonly claim: string,
    private readonly ttlMs = 5_000,
  ) {}

  /** What the claim values give: ledger (or "*") → role. */
  async grantsFor(claimValues: readonly string[]): Promise<Map<string, Role>> {
    return grantsFor(claimValues, await this.mappings());
  }

  private async mappings(): Promise<Map<string, Grant>> {
    if (this.cache && Date.now() - this.cache.at < this.ttlMs) return this.cache.mappings;
    const rows = await rolesDb.listRoleMappings.run(undefined, pgtyped(this.sql));
    const mappings = new Map(rows.filter((r) => isRole(r.role)).map((r) => [r.claim_value, { role: r.role as Role, ledgers: r.ledgers }]));
    this.cache = { at: Date.now(), mappings };
    return mappings;
  }

  async list(): Promise<RoleMapping[]> {
    const rows = await rolesDb.listRoleMappings.run(undefined, pgtyped(this.sql));
    return rows.map(mappingOf);
  }

  /** Sets a mapping; `callerLedgers` are the ledgers the caller may grant on (the database checks them too). */
  async set(claimValue: string, grant: Grant, by: string, callerLedgers: readonly string[]): Promise<RoleMapping> {
    const [r] = await inLedgers(this.sql, callerLedgers, (tx) => rolesDb.upsertRoleMapping.run({ claimValue, role: grant.role, ledgers: [...grant.ledgers], updatedBy: by }, pgtyped(tx)));
    this.cache = undefined;
    return mappingOf(r!);
  }

  async delete(claimValue: string, callerLedgers: readonly string[]): Promise<boolean> {
    const rows = await inLedgers(this.sql, callerLedgers, (tx) => rolesDb.deleteRoleMapping.run({ claimValue }, pgtyped(tx)));
    this.cache = undefined;
    return rows.length > 0;
  }

  /** Adds the configured mappings that are missing (never overrides one an admin changed). */
  async bootstrap(mappings: ReadonlyMap<string, Grant>): Promise<void> {
    await inLedgers(this.sql, [EVERY_LEDGER], async (tx) => {
      for (const [claimValue, g] of mappings) await rolesDb.insertRoleMappingIfMissing.run({ claimValue, role: g.role, ledgers: [...g.ledgers], updatedBy: "configuration" }, pgtyped(tx));
    });
    this.cache = undefined;
  }
}

function mappingOf(r: { claim_value: string; role: string; ledgers: string[]; updated_at: Date; updated_by: string }): RoleMapping {
  return { claimValue: r.claim_value, role: r.role as Role, ledgers: r.ledgers, updatedAt: r.updated_at, updatedBy: r.updated_by };
}
