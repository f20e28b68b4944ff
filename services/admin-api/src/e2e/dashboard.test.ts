// The dashboard in a real browser (Debian's Chromium through playwright-core) against the real
// platform: gateway, ledger, relay, projector, billing and the OpenID provider. Signs in as each
// role through the provider's page; an operator posts a transaction with the form and sees the
// balance move on the accounts page once the projection catches up; a poisoned event shows in
// the dead letters and is replayed; a viewer sees no write actions; a user holding two ledgers
// switches between them and the actions follow the role on each. Every page is saved as a
// screenshot under test-artifacts/screenshots.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { buildDashboard } from "../../../../scripts/lib/web.ts";
import { DEV_PASSWORD } from "../dev-idp/seed.ts";
import { signIn, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

const ROOT = path.resolve(import.meta.dir, "../../../..");
const SHOTS = path.join(ROOT, "test-artifacts", "screenshots");
const TIMEOUT_MS = 15_000;

let p: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!buildDashboard()) throw new Error("the dashboard did not build");
  fs.mkdirSync(SHOTS, { recursive: true });
  p = await startTestPlatform();
  const admin = await signIn(p, "admin@ledgerflow.local");
  for (const [code, normalBalance, allowOverdraft] of [
    ["bank:usd", NormalBalance.DEBIT, true],
    ["wallet:alice", NormalBalance.CREDIT, false],
    ["wallet:bob", NormalBalance.CREDIT, false],
  ] as const) {
    await admin.client.createAccount({ code, currency: "USD", normalBalance, allowOverdraft });
  }
  browser = await chromium.launch({
    executablePath: process.env.LEDGERFLOW_TEST_CHROMIUM ?? "/usr/bin/chromium",
    // Root in a container, no outside network: no sandbox, nothing that phones home.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await p?.stop();
}, 30_000);

async function signedIn(email: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-US", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(`${p.publicUrl}/health`);
  await page.getByTestId("sign-in").click();
  // The provider's own page.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEV_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${p.publicUrl}/health`).catch(async (error) => {
    await shot(page, "debug-signin");
    throw new Error(`${(error as Error).message} at ${page.url()}: ${(await page.content()).slice(0, 2000)}`);
  });
  expect(await page.getByTestId("user-name").textContent()).toContain(NAMES[email]!);
  return { context, page };
}

const NAMES: Record<string, string> = {
  "viewer@ledgerflow.local": "Vera Viewer",
  "operator@ledgerflow.local": "Oscar Operator",
  "admin@ledgerflow.local": "Ada Admin",
  "tenant@ledgerflow.local": "Tess Tenant",
};
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Waits until the text of the element satisfies the predicate (reloading the data as the page does). */
async function eventually(fn: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(200);
  }
}

describe("signing in", () => {
  test("each role signs in through the provider; name and role stay visible; sign out ends the session", async () => {
    for (const [email, role] of [
      ["viewer@ledgerflow.local", "viewer"],
      ["operator@ledgerflow.local", "operator"],
      ["admin@ledgerflow.local", "admin"],
    ] as const) {
      const { context, page } = await signedIn(email);
      expect((await page.getByTestId("user-role").textContent())?.toLowerCase()).toContain(role);
      await page.getByTestId("overall-status").waitFor();
      await shot(page, `health-${role}`);
      if (role === "admin") {
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL((url) => url.pathname === "/");
        await page.getByTestId("sign-in").waitFor();
        await shot(page, "signed-out");
      }
      await context.close();
    }
  }, 90_000);
});

describe("an operator's day", () => {
  test("posts a transaction with the form and sees the balance change on the accounts page", async () => {
    const { context, page } = await signedIn("operator@ledgerflow.local");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Post transaction" }).click();
    await page.getByTestId("post-form").waitFor();
    await page.getByTestId("leg-0-account").fill("bank:usd");
    await page.getByTestId("leg-0-direction").selectOption({ label: "Debit" });
    await page.getByTestId("leg-0-amount").fill("125.50");
    await page.getByTestId("leg-1-account").fill("wallet:alice");
    await page.getByTestId("leg-1-direction").selectOption({ label: "Credit" });
    await page.getByTestId("leg-1-amount").fill("125.50");
    await eventually(async () => page.getByTestId("post-submit").isEnabled(), "the balanced form to enable submit");
    await shot(page, "post-transaction-form");
    await page.getByTestId("post-submit").click();
    await page.getByTestId("post-result").waitFor();
    await shot(page, "post-transaction-result");

    // The ledger recorded the operator as the actor; the read model follows.
    const href = (await page.getByTestId("posted-transaction-link").getAttribute("href")) ?? "";
    const id = /\/transactions\/([0-9a-f-]{36})$/.exec(href)?.[1];
    expect(id).toBeDefined();
    const [row] = await p.ledger.db.sql`SELECT actor, caller FROM ledger.transactions WHERE id = ${id!}`;
    expect(row).toEqual({ actor: "operator@ledgerflow.local", caller: "admin-api" });
    await page.getByTestId("posted-transaction-link").click();
    await page.getByRole("group", { name: "Transaction actions" }).waitFor();
    await shot(page, "transaction");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await page.getByTestId("account-search").fill("alice");
    const alice = page.getByTestId("account-row-wallet:alice");
    await eventually(async () => ((await alice.textContent()) ?? "").includes("125.50"), "alice's balance on the accounts page");
    await eventually(async () => (await page.getByTestId("account-row-wallet:bob").count()) === 0, "the search to narrow the list");
    await shot(page, "accounts");
    await alice.getByRole("link", { name: "wallet:alice" }).click();
    await page.getByTestId("balance-posted").waitFor();
    expect(await page.getByTestId("balance-posted").getAttribute("data-minor")).toBe("12550");
    expect(await page.getByTestId("balance-available").getAttribute("data-minor")).toBe("12550");
    await shot(page, "account");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Transactions" }).click();
    await page.getByText("wallet:alice").first().waitFor();
    await shot(page, "transactions");
    for (const name of ["Outbox", "Billing"]) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
      await page.waitForLoadState("networkidle");
      await shot(page, name.toLowerCase());
    }
    await context.close();
  }, 90_000);

  test("a refused posting shows the ledger's reason and posts nothing", async () => {
    const { context, page } = await signedIn("operator@ledgerflow.local");
    await page.goto(`${p.publicUrl}/transactions/new`);
    await page.getByTestId("leg-0-account").fill("wallet:bob");
    await page.getByTestId("leg-0-direction").selectOption({ label: "Debit" });
    await page.getByTestId("leg-0-amount").fill("10.00");
    await page.getByTestId("leg-1-account").fill("wallet:alice");
    await page.getByTestId("leg-1-direction").selectOption({ label: "Credit" });
    await page.getByTestId("leg-1-amount").fill("10.00");
    await eventually(async () => page.getByTestId("post-submit").isEnabled(), "submit to enable");
    await page.getByTestId("post-submit").click();
    await page.getByTestId("insufficient-funds").waitFor();
    expect(await page.getByRole("alert").first().textContent()).toContain("insufficient funds");
    await shot(page, "post-transaction-refused");
    const [count] = await p.ledger.db.sql`SELECT count(*)::int AS n FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id WHERE a.code = 'wallet:bob'`;
    expect(count!.n).toBe(0);
    await context.close();
  }, 60_000);

  test("a poisoned event shows in the dead letters and an operator replays it after the fix", async () => {
    await p.ledger.db.sql.unsafe(`CREATE FUNCTION read.refuse_e2e() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.idempotency_key = 'e2e-poison' THEN RAISE EXCEPTION 'read model refuses this transaction'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_e2e BEFORE INSERT ON read.transactions FOR EACH ROW EXECUTE FUNCTION read.refuse_e2e()`);
    const operator = await signIn(p, "operator@ledgerflow.local");
    const bank = (await operator.client.listAccounts({ query: "bank" })).accounts[0]!.id;
    const bob = (await operator.client.listAccounts({ query: "bob" })).accounts[0]!.id;
    const poisoned = (
      await operator.client.postTransaction({
        idempotencyKey: "e2e-poison",
        entries: [
          { accountId: bank, direction: 1, amount: "700" },
          { accountId: bob, direction: 2, amount: "700" },
        ],
      })
    ).transaction!;
    let letterId = 0n;
    await eventually(
      async () => {
        const letters = (await operator.client.listDeadLetters({})).deadLetters;
        letterId = letters.find((l) => l.eventId === poisoned.id)?.id ?? 0n;
        return letterId > 0n;
      },
      "the poisoned event to reach the dead letters",
      30_000,
    );
    await p.ledger.db.sql.unsafe("DROP TRIGGER refuse_e2e ON read.transactions; DROP FUNCTION read.refuse_e2e()");

    const { context, page } = await signedIn("operator@ledgerflow.local");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dead letters" }).click();
    await page.getByTestId(`dlq-row-${letterId}`).waitFor();
    expect(await page.getByTestId(`dlq-row-${letterId}`).textContent()).toContain("read model refuses");
    await shot(page, "dead-letters");
    await page.getByTestId(`dlq-replay-${letterId}`).click();
    await page.getByRole("dialog", { name: `Replay dead letter ${letterId}?` }).waitFor();
    await shot(page, "dead-letter-confirm");
    await page.getByTestId("confirm-dialog-confirm").click();
    await page.getByText(`Dead letter ${letterId} replayed.`).waitFor();
    // It leaves the pending list; its own page says what happened and who did it.
    await eventually(async () => (await page.getByTestId(`dlq-row-${letterId}`).count()) === 0, "the letter to leave the pending list");
    await page.goto(`${p.publicUrl}/dlq/${letterId}`);
    await eventually(async () => ((await page.getByTestId("dlq-detail-status").textContent()) ?? "").toLowerCase().includes("replayed"), "the replayed status");
    expect(await page.getByText("operator@ledgerflow.local").count()).toBeGreaterThan(0);
    await shot(page, "dead-letter-replayed");
    const [applied] = await p.ledger.db.sql`SELECT count(*)::int AS n FROM read.transactions WHERE transaction_id = ${poisoned.id}`;
    expect(applied!.n).toBe(1);
    await context.close();
  }, 90_000);
});

describe("an admin", () => {
  test("sees the audit log with the operator's actions, the role mappings, billing with a plan, the preferences", async () => {
    const admin = await signIn(p, "admin@ledgerflow.local");
    await admin.client.createAccount({ code: "revenue:fees", currency: "USD", normalBalance: NormalBalance.CREDIT });
    await admin.client.createPlan({ plan: { name: "Merchant standard", currency: "USD", fixedFee: "30", rateBps: 290, period: 1, basis: 1, revenueAccountCode: "revenue:fees" } });
    const { context, page } = await signedIn("admin@ledgerflow.local");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Audit log" }).click();
    await page.getByText("PostTransaction").first().waitFor();
    expect(await page.getByText("operator@ledgerflow.local").count()).toBeGreaterThan(0);
    await shot(page, "audit-log");
    await nav.getByRole("link", { name: "Roles" }).click();
    await page.getByText("ledgerflow-operators").waitFor();
    await shot(page, "roles");
    await nav.getByRole("link", { name: "Billing" }).click();
    await page.getByText("Merchant standard").waitFor();
    await page.getByTestId("billing-status").waitFor();
    await shot(page, "billing-plans");
    await nav.getByRole("link", { name: "Preferences" }).click();
    await page.getByLabel("Ledger (book) name").waitFor();
    await shot(page, "preferences");
    await context.close();
  }, 60_000);
});

describe("a viewer", () => {
  test("sees the data but no write actions anywhere", async () => {
    // Something for the dead-letter page to show: bytes that are no event at all.
    await p.ledger.db.sql`INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
      VALUES ('ledgerflow.ledger.transactions.v1', 'main', gen_random_uuid(), 'ledgerflow.events.v1.TransactionPosted', '\\xdeadbeef', '{"ce_type":"ledgerflow.events.v1.TransactionPosted"}')`;
    const { context, page } = await signedIn("viewer@ledgerflow.local");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Accounts" }).waitFor();
    for (const hidden of ["Post transaction", "Audit log", "Roles"]) expect(await nav.getByRole("link", { name: hidden }).count()).toBe(0);
    await nav.getByRole("link", { name: "Dead letters" }).click();
    await eventually(
      async () => {
        await page.reload();
        // Give the reloaded page time to fetch and render the list before looking: counting at
        // once raced the render, and on a busy machine lost it reload after reload.
        return page
          .getByTestId(/^dlq-row-/)
          .first()
          .waitFor({ timeout: 5_000 })
          .then(
            () => true,
            () => false,
          );
      },
      "the dead letter to show",
      30_000,
    );
    expect(await page.getByTestId(/^dlq-(replay|discard)-/).count()).toBe(0);
    await shot(page, "dead-letters-viewer");
    await nav.getByRole("link", { name: "Accounts" }).click();
    await page.getByTestId("account-row-wallet:alice").waitFor();
    expect(await page.getByRole("button", { name: "Create account" }).count()).toBe(0);
    await page.getByTestId("account-row-wallet:alice").getByRole("link", { name: "wallet:alice" }).click();
    await page.getByTestId("balance-posted").waitFor();
    expect(await page.getByRole("form", { name: /policy/i }).count()).toBe(0);
    const [latest] = await p.ledger.db.sql`SELECT id::text AS id FROM ledger.transactions WHERE kind = 'standard' ORDER BY seq DESC LIMIT 1`;
    await page.goto(`${p.publicUrl}/transactions/${latest!.id}`);
    await page.getByText(latest!.id).first().waitFor();
    expect(await page.getByRole("group", { name: "Transaction actions" }).count()).toBe(0);
    await shot(page, "transaction-viewer");
    // The server refuses anyway: the same call the operator's form makes.
    const res = await page.evaluate(async () => (await fetch("/ledgerflow.admin.v1.AdminService/PostTransaction", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status);
    expect(res).toBe(403);
    await context.close();
  }, 60_000);

  test("the dashboard works at a phone's width", async () => {
    const { context, page } = await signedIn("viewer@ledgerflow.local", 375);
    await page.getByTestId("overall-status").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, "health-phone");
    await context.close();
  }, 60_000);
});

describe("a user holding two ledgers", () => {
  test("switches between acme (operator) and globex (viewer) only, and the actions follow the role on each", async () => {
    const admin = await signIn(p, "admin@ledgerflow.local");
    for (const ledger of ["acme", "globex"]) {
      await admin.client.createAccount({ ledger, code: `wallet:${ledger}`, currency: "USD", normalBalance: NormalBalance.CREDIT });
    }
    const { context, page } = await signedIn("tenant@ledgerflow.local");
    const switcher = page.getByTestId("ledger-switcher");
    expect(await switcher.locator("option").allTextContents()).toEqual(["acme", "globex"]);
    expect(await switcher.inputValue()).toBe("acme");
    expect((await page.getByTestId("user-role").textContent())?.toLowerCase()).toContain("operator");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Post transaction" }).waitFor();
    expect(await nav.getByRole("link", { name: "Dead letters" }).count()).toBe(0);
    await nav.getByRole("link", { name: "Accounts" }).click();
    await eventually(async () => {
      await page.reload();
      return page
        .getByTestId("account-row-wallet:acme")
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
    }, "acme's account to show");
    expect(await page.getByTestId("account-row-wallet:globex").count()).toBe(0);
    await shot(page, "accounts-tenant-acme");

    await page.getByTestId("ledger-switcher").selectOption("globex");
    await eventually(async () => {
      await page.reload();
      return page
        .getByTestId("account-row-wallet:globex")
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
    }, "globex's account to show");
    expect(await page.getByTestId("account-row-wallet:acme").count()).toBe(0);
    expect((await page.getByTestId("user-role").textContent())?.toLowerCase()).toContain("viewer");
    expect(await nav.getByRole("link", { name: "Post transaction" }).count()).toBe(0);
    await shot(page, "accounts-tenant-globex");
    // The server refuses what the page hides, for the ledger: posting on globex, reading main.
    const refusal = (method: string, body: object) =>
      page.evaluate(
        async ([m, b]) => {
          const res = await fetch(`/ledgerflow.admin.v1.AdminService/${m}`, { method: "POST", headers: { "content-type": "application/json" }, body: b });
          return { status: res.status, message: ((await res.json()) as { message?: string }).message };
        },
        [method, JSON.stringify(body)] as const,
      );
    expect(await refusal("PostTransaction", { ledger: "globex" })).toEqual({ status: 403, message: "PostTransaction needs the operator role on ledger globex; you have viewer there" });
    expect(await refusal("ListAccounts", { ledger: "main" })).toEqual({ status: 403, message: "ListAccounts needs the viewer role on ledger main; you have none there" });
    await context.close();
  }, 90_000);
});
