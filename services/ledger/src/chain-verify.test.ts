// Verifying the hash chain through the ledger: postings through the API are chained; an entry
// edited behind the triggers is named by `npm run verify` (exit code 1), by GET /v1/chain/verify
// and by the ledgerflow_ledger_chain_broken_links metric of the periodic check's full pass.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const TOKEN = "operator-token-0123456789abcdef";
const CLI = path.join(import.meta.dir, "verify-cli.ts");
let t: TestLedger;
let api: ReturnType<typeof createClient<typeof LedgerService>>;

beforeAll(async () => {
  t = await startTestLedger({ authTokens: new Map([["operator", TOKEN]]), chainVerifyIntervalMs: 100, chainFullVerifyIntervalMs: 60_000 });
  api = createClient(
    LedgerService,
    createGrpcTransport({
      baseUrl: t.handle.grpcUrl,
      interceptors: [
        (next) => (req) => {
          req.header.set("authorization", `Bearer ${TOKEN}`);
          return next(req);
        },
      ],
    }),
  );
});
afterAll(async () => {
  await t.stop();
});

const verifyOverHttp = async (query = "") => {
  const res = await fetch(`${t.handle.httpUrl}/v1/chain/verify${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: (await res.json()) as any };
};
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: t.db.urlFor("ledger") }, encoding: "utf8", timeout: 30_000 });
  return { status: r.status, out: r.stdout + r.stderr };
};
const brokenMetric = async (ledger: string): Promise<number | undefined> => {
  const text = await (await fetch(`${t.handle.httpUrl}/metrics`)).text();
  const m = new RegExp(`^ledgerflow_ledger_chain_broken_links\\{ledger="${ledger}"\\} (\\d+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
};
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await Bun.sleep(50);
  }
}

test("postings are chained; an edit behind the triggers is named by the CLI, the endpoint and the metric", async () => {
  const cash = (await api.createAccount({ ledger: "audited", code: "cash", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const wallet = (await api.createAccount({ ledger: "audited", code: "wallet", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await api.postTransaction({
      ledger: "audited",
      idempotencyKey: `chain-${i}`,
      entries: [
        { accountId: cash, direction: Direction.DEBIT, amount: "500" },
        { accountId: wallet, direction: Direction.CREDIT, amount: "500" },
      ],
    });
    ids.push(res.transaction!.id);
  }

  // Concurrent postings, grouped into batches by the writer's two writers, extend one chain.
  const concurrent = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      api.postTransaction({
        ledger: "audited",
        idempotencyKey: `chain-concurrent-${i}`,
        entries: [
          { accountId: cash, direction: Direction.DEBIT, amount: "1" },
          { accountId: wallet, direction: Direction.CREDIT, amount: "1" },
        ],
      }),
    ),
  );
  const positions = await t.db.sql`SELECT position::int FROM ledger.chain_links WHERE ledger = 'audited' ORDER BY position`;
  expect(positions.map((r) => r.position)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
  expect(concurrent.every((r) => r.transaction?.id)).toBe(true);

  // Intact: the endpoint, the CLI and the metric agree.
  expect((await fetch(`${t.handle.httpUrl}/v1/chain/verify`)).status).toBe(401);
  const intact = await verifyOverHttp("?ledger=audited");
  expect(intact.status).toBe(200);
  expect(intact.body).toEqual({ intact: true, ledgers: [{ ledger: "audited", intact: true, verified_through: "63", links_checked: "63", head_position: "63" }] });
  const ok = cli("--ledger", "audited");
  expect(ok.out).toContain("ledger audited: chain intact through position 63");
  expect(ok.status).toBe(0);
  expect(
    await until(
      () => brokenMetric("audited"),
      (v) => v === 0,
    ),
  ).toBe(0);

  // The owner's superuser raises an entry's amount with every trigger off.
  await t.db.sql.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await tx`UPDATE ledger.entries SET amount = 50000 WHERE transaction_id = ${ids[1]!} AND leg = 1`;
  });

  const broken = await verifyOverHttp("?ledger=audited");
  expect(broken.status).toBe(200);
  expect(broken.body.intact).toBe(false);
  expect(broken.body.ledgers[0]).toMatchObject({ ledger: "audited", intact: false, verified_through: "1", broken: { position: "2", transaction_id: ids[1] } });
  expect(broken.body.ledgers[0].broken.expected_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(broken.body.ledgers[0].broken.expected_hash).not.toBe(broken.body.ledgers[0].broken.stored_hash);
  // Continuing after the edit finds nothing more; every ledger at once reports the break too.
  expect((await verifyOverHttp("?ledger=audited&after_position=2")).body.intact).toBe(true);
  expect((await verifyOverHttp()).body.ledgers.find((l: { ledger: string }) => l.ledger === "audited").broken.transaction_id).toBe(ids[1]);
  expect((await verifyOverHttp("?after_position=2")).status).toBe(400);

  const bad = cli();
  expect(bad.status).toBe(1);
  expect(bad.out).toContain(`ledger audited: CHAIN BROKEN at position 2: transaction ${ids[1]} does not match its link`);
  expect(bad.out).toContain("1 broken");
  expect(cli("--after", "2").status).toBe(2);

  // The periodic check continues from what it verified before (the head), so it does not
  // hash the edited transaction again; its full pass does, and the checks after it keep
  // reporting the break.
  await Bun.sleep(300);
  expect(await brokenMetric("audited")).toBe(0);
  const full = await t.handle.chain!.check(true);
  expect(full.find((v) => v.ledger === "audited")?.broken?.transactionId).toBe(ids[1]);
  expect(await brokenMetric("audited")).toBe(1);
  await Bun.sleep(300);
  expect(await brokenMetric("audited")).toBe(1);
});
