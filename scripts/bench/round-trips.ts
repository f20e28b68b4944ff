// What one posting asks of Postgres, in a short run of one client posting one transfer at a
// time with the ledger's relay switched off (so only the write path talks to the database):
//   round trips, counted on the wire by a proxy between the ledger and Postgres;
//   statements, from pg_stat_statements (loaded by the benchmark's cluster, tracking on only for
//   this run). "top level" includes the deferred trigger's statements run at COMMIT (Postgres
//   runs them outside any client statement); "nested" are those run inside other statements.
import type { Sql } from "postgres";
import { startCountingProxy } from "./pg-proxy.ts";
import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startLedgerProcess } from "./ledger-process.ts";

/** Server settings that load the extension; tracking is then switched with `setTracking`. */
export const PG_STAT_STATEMENTS_SETTINGS = { shared_preload_libraries: "pg_stat_statements" };

export interface RoundTrips {
  transfers: number;
  roundTrips: number;
  /** Connections the ledger opened during the counted run (their set-up is in roundTrips). */
  connections: number;
  topLevel: number;
  nested: number;
  statements: { calls: number; toplevel: boolean; query: string }[];
}

/**
 * Tracking costs a little per statement, so it is off ("none") except while counting. Through
 * ALTER SYSTEM and a reload, not `-c`: a command-line setting would override ALTER SYSTEM.
 */
export async function setTracking(sql: Sql, level: "all" | "none"): Promise<void> {
  await sql.unsafe(`ALTER SYSTEM SET pg_stat_statements.track = '${level}'`);
  await sql`SELECT pg_reload_conf()`;
  // Backends read the new setting at their next command; give the reload a moment to arrive.
  await Bun.sleep(300);
}

export async function countRoundTrips(sql: Sql, url: string, accounts: string[], transfers = 200): Promise<RoundTrips> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
  const direct = new URL(url);
  const proxy = startCountingProxy(direct.hostname, Number(direct.port));
  const proxied = new URL(url);
  proxied.port = String(proxy.port);
  const ledger = await startLedgerProcess(proxied.toString(), { RELAY_ENABLED: "false" });
  try {
    const post = (i: number) =>
      ledger.client.postTransaction({
        idempotencyKey: `rt-${i}`,
        entries: [
          { accountId: accounts[i % accounts.length]!, direction: Direction.DEBIT, amount: "1" },
          { accountId: accounts[(i * 7 + 1) % accounts.length]!, direction: Direction.CREDIT, amount: "1" },
        ],
      });
    for (let i = 0; i < 20; i++) await post(i); // warm: prepared statements, caches
    await setTracking(sql, "all");
    await sql`SELECT pg_stat_statements_reset()`;
    proxy.reset();
    for (let i = 20; i < 20 + transfers; i++) await post(i);
    const wire = proxy.counts();
    const rows = await sql`
      SELECT calls::int, toplevel, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE 'ALTER SYSTEM%' AND query NOT LIKE '%pg_reload_conf%'
       ORDER BY toplevel DESC, calls DESC`;
    await setTracking(sql, "none");
    const statements = rows.map((r) => ({ calls: r.calls as number, toplevel: r.toplevel as boolean, query: r.query as string }));
    const per = (top: boolean) => statements.filter((s) => s.toplevel === top).reduce((n, s) => n + s.calls, 0) / transfers;
    return { transfers, roundTrips: wire.roundTrips / transfers, connections: wire.connections, topLevel: per(true), nested: per(false), statements };
  } finally {
    await ledger.stop();
    proxy.stop();
  }
}

export function formatRoundTrips(r: RoundTrips): string {
  const lines = [
    `database round trips per PostTransaction (1 client, ${r.transfers} transfers, counted on the wire): ${r.roundTrips.toFixed(2)}${r.connections > 0 ? ` (includes the set-up of ${r.connections} connections opened meanwhile)` : ""}`,
    `statements per PostTransaction (pg_stat_statements): ${r.topLevel.toFixed(2)} at top level (client statements and the commit-time trigger's), ${r.nested.toFixed(2)} nested in them`,
  ];
  for (const s of r.statements.filter((s) => s.calls >= r.transfers / 2)) {
    lines.push(`  ${(s.calls / r.transfers).toFixed(2).padStart(5)} × ${s.toplevel ? "top   " : "nested"} ${s.query.length > 110 ? `${s.query.slice(0, 107)}...` : s.query}`);
  }
  return lines.join("\n");
}
