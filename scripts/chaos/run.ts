// One chaos run: the cluster, the books, the clients, the nemesis on its seeded schedule, then
// quiescence (every fault healed, the clients stopped, the outbox drained, projector and billing
// caught up), the invoices closed and their fees posted, the checker, and the report.
//
//   npm run chaos                          the long profile (≥ 10 minutes, every fault kind ≥ 5 times)
//   npm run chaos -- --profile short       the short one (also run by scripts/chaos/chaos.test.ts)
//   npm run chaos -- --seed 12345          replay a schedule
import fs from "node:fs";
import path from "node:path";
import { check, type CheckResult } from "./checker.ts";
import { startCluster, type Cluster } from "./cluster.ts";
import { faultFigures, planFaults, runNemesis, type FaultKind, type FaultKindFigures, type FaultRecord, type PlannedFault } from "./nemesis.ts";
import { runOverload, type OverloadFigures } from "./overload.ts";
import { Random } from "./random.ts";
import { summaryLine, writeReport } from "./report.ts";
import { billingClient, openBooks, Workload } from "./workload.ts";
import { checkDrift } from "@ledgerflow/projector/read-model";

export interface Profile {
  name: "short" | "long";
  clients: number;
  faults: Partial<Record<FaultKind, number>>;
  gapMs: [number, number];
  /** The fault schedule lasts this long at least (its gaps are stretched to fit). */
  minTrafficMs: number;
  overload: boolean;
}

export const PROFILES: Record<Profile["name"], Profile> = {
  short: {
    name: "short",
    clients: 32,
    gapMs: [1_500, 3_000],
    minTrafficMs: 30_000,
    overload: false,
    faults: { "kill-ledger": 2, "kill-relay": 1, "kill-projector": 1, "postgres-restart": 1, "kafka-restart": 1, "kill-billing": 1 },
  },
  long: {
    name: "long",
    clients: 48,
    gapMs: [4_000, 9_000],
    minTrafficMs: 600_000,
    overload: true,
    faults: { "kill-ledger": 5, "kill-relay": 5, "kill-projector": 5, "kill-billing": 5, "kafka-restart": 5, "kafka-outage": 5, "postgres-restart": 5, "second-ledger": 5, "projector-rebuild": 5 },
  },
};

export interface RunOptions {
  profile: Profile;
  seed: number;
  /** Where data, logs and the report go. */
  runDir: string;
  log?: (line: string) => void;
}

export interface RunResult {
  ok: boolean;
  seed: number;
  summary: string;
  reportFile: string;
  check: CheckResult;
  convergedSeconds: number;
  wallSeconds: number;
  faults: FaultRecord[];
  faultsByKind: FaultKindFigures[];
  overload?: OverloadFigures;
}

const QUIESCE_TIMEOUT_MS = 90_000;
const INVOICE_CLOSE_INTERVAL_MS = 4_000;
const TRAFFIC_AFTER_LAST_FAULT_MS = 3_000;

export async function runChaos(o: RunOptions): Promise<RunResult> {
  const log = o.log ?? ((line: string) => console.log(`chaos: ${line}`));
  const wallStarted = performance.now();
  const random = new Random(o.seed);
  const plan = planFaults(random.fork(1_000_000), o.profile.faults, o.profile.gapMs, o.profile.minTrafficMs);
  log(`profile ${o.profile.name}, seed ${o.seed} (replay: npm run chaos -- --profile ${o.profile.name} --seed ${o.seed}), ${plan.length} faults: ${plan.map((f) => f.kind).join(", ")}`);
  const cluster = await startCluster({ runDir: o.runDir, log });
  try {
    return await runOn(cluster, o, plan, random, log, wallStarted);
  } finally {
    await cluster.stop();
  }
}

async function runOn(cluster: Cluster, o: RunOptions, plan: PlannedFault[], random: Random, log: (l: string) => void, wallStarted: number): Promise<RunResult> {
  const books = await openBooks(cluster.ledgerGrpcUrls[0], cluster.billingUrl);
  let secondUp = false;
  const workload = new Workload(books, {
    grpcUrls: cluster.ledgerGrpcUrls,
    secondLedgerUp: () => secondUp,
    clients: o.profile.clients,
    random: random.fork(2_000_000),
    opDeadlineMs: 30_000,
    requestTimeoutMs: 2_000,
  });
  workload.start();
  let stopping = false;
  const closer = closeInvoicesMeanwhile(cluster, () => stopping);
  const faults = await runNemesis(cluster, plan, { setSecondLedgerUp: (up) => (secondUp = up), log, stopped: () => false });
  const lastFaultHealed = performance.now();
  // Traffic goes on a little after the last fault: the system must serve again, not just hold still.
  await Bun.sleep(TRAFFIC_AFTER_LAST_FAULT_MS);
  stopping = true;
  await workload.stop();
  await closer;
  log(`traffic stopped: ${workload.ops.length} operations`);
  const quiet = await quiesce(cluster);
  const convergedSeconds = (performance.now() - lastFaultHealed) / 1000;
  log(quiet.converged ? `converged ${convergedSeconds.toFixed(1)} s after the last fault` : `NOT converged ${convergedSeconds.toFixed(1)} s after the last fault: ${JSON.stringify(quiet.state)}`);
  // Without convergence the rest would only wait for the same timeouts again: check at once.
  const waitMs = quiet.converged ? QUIESCE_TIMEOUT_MS : 5_000;
  await closeAllInvoices(cluster, waitMs);
  const settled = await quiesce(cluster, waitMs);
  const overload = o.profile.overload && settled.converged ? await runOverload(cluster, books, log) : undefined;
  if (overload) await quiesce(cluster);
  const result = await check(cluster.sql, workload.ops, cluster.brokers, cluster.exits);
  if (!quiet.converged) result.violations.unshift({ invariant: `converged within ${QUIESCE_TIMEOUT_MS / 1000} s of the clients stopping`, count: 1, examples: [quiet.state] });
  // A fault that did not heal stops the nemesis: the schedule was not run and the run cannot pass.
  const faultsByKind = faultFigures(plan, faults);
  const unrun = faultsByKind.filter((k) => k.done < k.planned || k.failed > 0);
  if (unrun.length > 0) result.violations.push({ invariant: "every planned fault injected and healed", count: unrun.length, examples: [...unrun, ...faults.filter((f) => f.error)] });
  const breakerShut = faults.filter((f) => f.kind === "kafka-outage" && f.breakerOpened === false);
  if (breakerShut.length > 0) result.violations.push({ invariant: "the relay's circuit breaker opened during each Kafka outage", count: breakerShut.length, examples: breakerShut });
  if (overload && !overload.ok) result.violations.push({ invariant: "overload: fast refusals, bounded memory, recovery", count: 1, examples: [overload] });
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  const summary = summaryLine(result, convergedSeconds);
  const reportFile = writeReport(o.runDir, { profile: o.profile.name, seed: o.seed, summary, wallSeconds, convergedSeconds, faultsByKind, faults, check: result, overload, ops: workload.ops });
  console.log(summary);
  for (const k of faultsByKind) log(`faults ${k.kind}: ${k.done}/${k.planned} healed in ${k.healMinS}–${k.healMaxS} s (mean ${k.healMeanS} s)${k.failed ? `, ${k.failed} FAILED` : ""}`);
  log(`figures: ${JSON.stringify({ ...result.figures, currencySums: undefined })}`);
  for (const v of result.violations) log(`VIOLATION ${v.invariant}: ${v.count} — ${JSON.stringify(v.examples.slice(0, 5))}`);
  log(`report: ${reportFile} (wall ${wallSeconds.toFixed(0)} s)`);
  return { ok: result.violations.length === 0, seed: o.seed, summary, reportFile, check: result, convergedSeconds, wallSeconds, faults, faultsByKind, overload };
}

/** While traffic flows, an open invoice is closed now and then: fee postings happen under faults too. */
async function closeInvoicesMeanwhile(c: Cluster, stopping: () => boolean): Promise<void> {
  const billing = billingClient(c.billingUrl);
  while (!stopping()) {
    await Bun.sleep(INVOICE_CLOSE_INTERVAL_MS);
    const open = await c.sql`SELECT id::text AS id FROM billing.invoices WHERE status = 'open' AND accrual_count > 0 ORDER BY random() LIMIT 1`.catch(() => []);
    for (const row of open) await billing.closeInvoice({ invoiceId: row.id as string }, { timeoutMs: 5_000 }).catch(() => undefined);
  }
}

/** Closes every open invoice (retrying while billing or the ledger recover) and waits for the fees to post. */
async function closeAllInvoices(c: Cluster, timeoutMs: number): Promise<void> {
  const billing = billingClient(c.billingUrl);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await c.sql`SELECT id::text AS id FROM billing.invoices WHERE status NOT IN ('posted')`;
    if (open.length === 0) return;
    if (Date.now() > until) return;
    for (const row of open) await billing.closeInvoice({ invoiceId: row.id as string }, { timeoutMs: 5_000 }).catch(() => undefined);
    await Bun.sleep(300);
  }
}

/**
 * Waits until the outbox is drained, the projector's read model matches the journal and billing
 * has processed every transaction's event. Services found down are a failure of the run
 * (recorded as unexpected exits), not restarted here.
 */
async function quiesce(c: Cluster, timeoutMs = QUIESCE_TIMEOUT_MS): Promise<{ converged: boolean; state?: Record<string, unknown> }> {
  const until = Date.now() + timeoutMs;
  let state: Record<string, unknown> | undefined;
  for (;;) {
    const [row] = await c.sql`
      SELECT (SELECT count(*)::int FROM ledger.outbox WHERE published_at IS NULL) AS unpublished,
             (SELECT count(*)::int FROM ledger.transactions t WHERE NOT EXISTS (SELECT 1 FROM billing.processed_events p WHERE p.event_id = t.id)) AS unbilled`.catch(() => [undefined]);
    const drift = row && row.unpublished === 0 && row.unbilled === 0 ? await checkDrift(c.sql, c.sql, "read").catch(() => undefined) : undefined;
    state = { ...row, drift: drift?.drift };
    if (drift?.drift === 0) return { converged: true };
    if (Date.now() > until) return { converged: false, state };
    await Bun.sleep(250);
  }
}

function parseArgs(argv: string[]): { profile: Profile; seed: number } {
  let profile = PROFILES.long;
  let seed = Math.floor(Math.random() * 2 ** 31);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--profile")
      profile =
        PROFILES[argv[++i] as Profile["name"]] ??
        (() => {
          throw new Error(`unknown profile ${argv[i]}`);
        })();
    else if (argv[i] === "--seed") seed = Number(argv[++i]);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a non-negative integer");
  return { profile, seed };
}

if (import.meta.main) {
  const { profile, seed } = parseArgs(process.argv.slice(2));
  const runDir = path.resolve(import.meta.dir, "../../.cache/chaos", `${profile.name}-${seed}-${Date.now().toString(36)}`);
  fs.mkdirSync(runDir, { recursive: true });
  const result = await runChaos({ profile, seed, runDir });
  process.exit(result.ok ? 0 : 1);
}
