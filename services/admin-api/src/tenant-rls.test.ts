// The second wall: row-level security in Postgres, tried as the gateway's own database role
// (ledgerflow_gateway, the connection the gateway uses). With the setting naming one ledger it
// reads none of another ledger's rows, with no setting it reads no rows at all, and it cannot
// turn the policies off; the gateway's own typed queries, asked for another ledger's rows, get
// none; the projector, which owns the read model, still sees everything.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { connect, pgtyped as pgtypedOf } from "@ledgerflow/platform/db";
import type { Sql } from "postgres";
import * as readDb from "./db/read.queries.ts";
import * as rolesDb from "./db/roles.queries.ts";
import { inLedgers, queryInLedgers } from "./db/scope.ts";
import { signIn, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

let p: TestPlatform;
let gateway: Sql;
let projector: Sql;
const accountOf: Record<string, string> = {};

/** Tables with a row per ledger, each with the expression naming a row's ledger. */
const LEDGER_ROWS: [string, string][] = [
  ["read.accounts", "ledger"],
  ["read.transactions", "ledger"],
  ["read.daily_volumes", "ledger"],
  ["read.transaction_legs l", "(SELECT ledger FROM read.accounts a WHERE a.account_id = l.account_id)"],
  ["read.processed_events e", "(SELECT ledger FROM read.transactions t WHERE t.transaction_id = e.event_id)"],
  ["admin.audit_log", "ledger"],
];

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await Bun.sleep(50);
  }
}

/** The ledgers of the rows `sql` reads from a table, with the setting as given (or none). */
async function ledgersSeen(sql: Sql, table: string, ledgerOf: string, setting?: string): Promise<string[]> {
  return sql.begin(async (tx) => {
    if (setting !== undefined) await tx`SELECT set_config('ledgerflow.ledgers', ${setting}, true)`;
    const rows = await tx.unsafe(`SELECT DISTINCT ${ledgerOf} AS ledger FROM ${table} ORDER BY 1`);
    return rows.map((r) => String(r.ledger));
  }) as Promise<string[]>;
}

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = (await signIn(p, "admin@ledgerflow.local")).client;
  for (const ledger of ["acme", "globex"]) {
    const bank = (await admin.createAccount({ ledger, code: "bank:usd", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
    const wallet = (await admin.createAccount({ ledger, code: "wallet:one", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
    accountOf[ledger] = wallet;
    await admin.postTransaction({
      ledger,
      idempotencyKey: `rls-${ledger}`,
      entries: [
        { accountId: bank, direction: Direction.DEBIT, amount: "500" },
        { accountId: wallet, direction: Direction.CREDIT, amount: "500" },
      ],
    });
  }
  gateway = connect({ url: p.ledger.db.urlFor("admin"), max: 2 });
  projector = connect({ url: p.ledger.db.urlFor("projector"), max: 2 });
  // Both ledgers' postings are in the read model (the projector sees every row).
  await until(async () => (await ledgersSeen(projector, "read.transactions", "ledger")).join() === "acme,globex");
  await p.ledger.db.sql`INSERT INTO projector.dead_letters (topic, "partition", "offset", key, value, headers, error, attempts)
                        VALUES ('ledgerflow.transactions', 0, '7', 'k', '\\x00', '{}', 'undecodable', 1)`;
}, 60_000);
afterAll(async () => {
  await gateway?.end();
  await projector?.end();
  await p.stop();
});

describe("as the gateway's role", () => {
  test("it is not the owner of what it reads and may not bypass row-level security", async () => {
    const [role] = await gateway`SELECT current_user AS name, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`;
    expect(role).toEqual({ name: "ledgerflow_gateway", rolbypassrls: false, rolsuper: false });
    const owned = await gateway`SELECT c.oid::regclass::text AS t FROM pg_class c
                                 WHERE c.relnamespace IN ('read'::regnamespace, 'admin'::regnamespace, 'projector'::regnamespace)
                                   AND pg_has_role(current_user, c.relowner, 'MEMBER')`;
    expect([...owned]).toEqual([]);
    const secured = await gateway`SELECT c.oid::regclass::text AS t FROM pg_class c
                                   WHERE c.oid = ANY (ARRAY['read.accounts', 'read.transactions', 'read.transaction_legs', 'read.daily_volumes',
                                                            'read.processed_events', 'projector.dead_letters', 'admin.audit_log', 'admin.role_mappings']::regclass[])
                                     AND c.relrowsecurity ORDER BY 1`;
    expect(secured.length).toBe(8);
    await expect(gateway.begin((tx) => tx`SET LOCAL row_security = off`.then(() => tx`SELECT count(*) FROM read.accounts`))).rejects.toThrow(/row-level security/);
    await expect(gateway`ALTER TABLE read.accounts DISABLE ROW LEVEL SECURITY`).rejects.toThrow(/must be owner/);
    await expect(gateway`DROP POLICY accounts_caller_ledgers ON read.accounts`).rejects.toThrow(/must be owner/);
  });

  test("with the setting naming acme, no row of globex: read model, dead letters, audit log", async () => {
    for (const [table, ledgerOf] of LEDGER_ROWS) {
      expect({ table, seen: await ledgersSeen(gateway, table, ledgerOf, "{acme}") }).toEqual({ table, seen: ["acme"] });
      expect({ table, seen: await ledgersSeen(gateway, table, ledgerOf, "{globex}") }).toEqual({ table, seen: ["globex"] });
    }
    expect(await ledgersSeen(gateway, "projector.dead_letters", "topic", "{acme}")).toEqual([]);
  });

  test("with no setting (or an empty one), no rows at all", async () => {
    for (const [table, ledgerOf] of LEDGER_ROWS) {
      expect({ table, seen: await ledgersSeen(gateway, table, ledgerOf) }).toEqual({ table, seen: [] });
      expect({ table, seen: await ledgersSeen(gateway, table, ledgerOf, "") }).toEqual({ table, seen: [] });
      expect({ table, seen: await ledgersSeen(gateway, table, ledgerOf, "{}") }).toEqual({ table, seen: [] });
    }
    expect(await ledgersSeen(gateway, "projector.dead_letters", "topic")).toEqual([]);
  });

  test("the setting lasts for its transaction only: the next transaction on the connection reads nothing", async () => {
    const one = connect({ url: p.ledger.db.urlFor("admin"), max: 1 });
    try {
      expect(await ledgersSeen(one, "read.accounts", "ledger", "{*}")).toEqual(["acme", "globex"]);
      expect(await ledgersSeen(one, "read.accounts", "ledger")).toEqual([]);
    } finally {
      await one.end();
    }
  });

  test("a malformed setting fails the statement instead of opening the rows", async () => {
    await expect(ledgersSeen(gateway, "read.accounts", "ledger", "acme")).rejects.toThrow(/malformed array literal/);
  });

  test("'*' sees every ledger and the dead letters", async () => {
    expect(await ledgersSeen(gateway, "read.accounts", "ledger", "{*}")).toEqual(["acme", "globex"]);
    expect(await ledgersSeen(gateway, "projector.dead_letters", "topic", "{*}")).toEqual(["ledgerflow.transactions"]);
  });

  test("the gateway's own queries, asked for globex's rows within acme's setting, get none", async () => {
    const db = (ledgers: string[]) => (fn: Parameters<typeof queryInLedgers>[2]) => queryInLedgers(gateway, ledgers, fn);
    const accounts = (ledgers: string[]) => db(ledgers)((c) => readDb.listReadAccounts.run({ ledger: "globex", currency: null, pattern: null, afterCode: null, limit: 10n }, c)) as Promise<unknown[]>;
    expect((await accounts(["globex"])).length).toBe(2);
    expect(await accounts(["acme"])).toEqual([]);
    const entries = (ledgers: string[]) => db(ledgers)((c) => readDb.listReadAccountEntries.run({ ledger: "globex", accountId: accountOf.globex!, beforeSequence: null, beforeLeg: null, limit: 10n }, c)) as Promise<unknown[]>;
    expect((await entries(["globex"])).length).toBe(1);
    expect(await entries(["acme"])).toEqual([]);
  });

  test("role mappings: read by all, written only within the setting's ledgers", async () => {
    const write = (setting: string[], ledgers: string[]) => inLedgers(gateway, setting, (tx) => rolesDb.upsertRoleMapping.run({ claimValue: "rls-test", role: "viewer", ledgers, updatedBy: "test" }, pgtypedOf(tx)));
    await expect(write(["acme"], ["globex"])).rejects.toThrow(/row-level security/);
    await expect(write(["acme"], ["*"])).rejects.toThrow(/row-level security/);
    await expect(write([], ["acme"])).rejects.toThrow(/row-level security/);
    expect((await write(["acme", "globex"], ["acme"]))[0]!.ledgers).toEqual(["acme"]);
    // acme's setting cannot change it into a grant on globex, nor delete a mapping on every ledger.
    await expect(write(["acme"], ["globex"])).rejects.toThrow(/row-level security/);
    const deleted = await inLedgers(gateway, ["acme"], (tx) => tx`DELETE FROM admin.role_mappings WHERE claim_value = 'ledgerflow-admins' RETURNING claim_value`);
    expect(deleted.length).toBe(0);
    expect((await gateway`SELECT count(*)::int AS n FROM admin.role_mappings WHERE claim_value = 'ledgerflow-admins'`)[0]!.n).toBe(1);
  });
});

describe("as the projector's role", () => {
  test("it owns the read model and sees every ledger's rows without any setting", async () => {
    for (const table of ["read.accounts", "read.transactions", "read.daily_volumes"]) {
      expect(await ledgersSeen(projector, table, "ledger")).toEqual(["acme", "globex"]);
    }
    expect((await projector`SELECT count(*)::int AS n FROM projector.dead_letters`)[0]!.n).toBe(1);
  });
});
