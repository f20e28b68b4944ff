// Every credential a service holds, used as a stolen credential or a DBA would use it: each
// attack on the books is refused for every service role, with the error Postgres gives, and the
// books are intact after each one (Σ = 0 per currency and effect, balances = Σ entries).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Sql } from "postgres";
import { connect, SERVICE_ROLES, SERVICES, type Service } from "@ledgerflow/platform/db";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";

let db: TestDatabase;
const as = new Map<Service, Sql>();
const CASH = "00000000-0000-4000-8000-0000000000c1";
const WALLET = "00000000-0000-4000-8000-0000000000c2";
const POSTED = "30000000-0000-4000-8000-000000000001";
let n = 1;
const nextId = () => `30000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

/** Runs `work` in a transaction as `sql`; returns the SQLSTATE it was refused with. */
async function refusal(sql: Sql, work: (tx: Sql) => Promise<unknown>): Promise<string> {
  try {
    await sql.begin((tx) => work(tx as unknown as Sql));
  } catch (error) {
    return (error as { code: string }).code;
  }
  return "accepted";
}

async function booksIntact(): Promise<void> {
  const [row] = await db.sql`SELECT
      (SELECT count(*)::int FROM ledger.balances b LEFT JOIN (
          SELECT account_id,
                 coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'debit'), 0) AS pd,
                 coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'credit'), 0) AS pc,
                 count(*) AS n
            FROM ledger.entries GROUP BY account_id) s ON s.account_id = b.account_id
        WHERE b.posted_debits <> coalesce(s.pd, 0) OR b.posted_credits <> coalesce(s.pc, 0) OR b.version <> coalesce(s.n, 0)) AS drifted,
      (SELECT count(*)::int FROM (SELECT transaction_id, currency, effect FROM ledger.entries GROUP BY 1, 2, 3
                                 HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0) u) AS unbalanced,
      (SELECT count(*)::int FROM ledger.transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id)) AS without_event,
      (SELECT count(*)::int FROM ledger.outbox WHERE published_at IS NOT NULL) AS published,
      (SELECT count(*)::int FROM ledger.entries WHERE amount <> 100 AND transaction_id = ${POSTED}) AS edited`;
  expect(row).toEqual({ drifted: 0, unbalanced: 0, without_event: 0, published: 0, edited: 0 });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (${CASH}, 'main', 'r-cash', 'USD', 'debit', true), (${WALLET}, 'main', 'r-wallet', 'USD', 'credit', false)`;
  await db.sql.begin(async (tx) => {
    await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${POSTED}, 'main', 'standard', 'roles-1')`;
    await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
      (${POSTED}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 100), (${POSTED}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 100)`;
  });
  for (const service of SERVICES) as.set(service, connect({ url: db.urlFor(service), max: 2 }));
});
afterAll(async () => {
  for (const sql of as.values()) await sql.end({ timeout: 5 });
  await db.close();
});

test("each service connects as its own role, which owns nothing in the books and is no superuser", async () => {
  for (const service of SERVICES) {
    const [me] = await as.get(service)!`SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
      (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('ledger', 'events', 'admin', 'billing') AND pg_get_userbyid(c.relowner) = current_user) AS owned`;
    expect(me).toEqual({ role: SERVICE_ROLES[service], superuser: false, owned: 0 });
  }
  const [owners] = await db.sql`SELECT array_agg(DISTINCT pg_get_userbyid(c.relowner)) AS owners FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('ledger', 'events', 'admin', 'billing')`;
  expect(owners!.owners).toEqual(["ledgerflow_owner"]);
});

describe("attacks every service role must lose", () => {
  const attacks: Record<string, (tx: Sql) => Promise<unknown>> = {
    "rewrite an entry": (tx) => tx`UPDATE ledger.entries SET amount = 1 WHERE transaction_id = ${POSTED}`,
    "delete a transaction": (tx) => tx`DELETE FROM ledger.transactions WHERE id = ${POSTED}`,
    "truncate the journal": (tx) => tx`TRUNCATE ledger.entries, ledger.transactions CASCADE`,
    "disable the journal's triggers": (tx) => tx`ALTER TABLE ledger.entries DISABLE TRIGGER ALL`,
    "turn every trigger off for the session": (tx) => tx`SET LOCAL session_replication_role = replica`,
    "drop a constraint": (tx) => tx`ALTER TABLE ledger.entries DROP CONSTRAINT entries_amount_check`,
    "drop a trigger": (tx) => tx`DROP TRIGGER tg_entries__apply_statement ON ledger.entries`,
    "write a balance directly": (tx) => tx`UPDATE ledger.balances SET posted_credits = posted_credits + 1000000 WHERE account_id = ${WALLET}`,
    "write a balance from a trigger on a temporary table": async (tx) => {
      await tx`CREATE TEMP TABLE bump (x int)`;
      await tx.unsafe(`CREATE FUNCTION pg_temp.bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE ledger.balances SET posted_credits = posted_credits + 1000000 WHERE account_id = '${WALLET}'; RETURN NULL; END $$`);
      await tx`CREATE TRIGGER bump AFTER INSERT ON bump FOR EACH ROW EXECUTE FUNCTION pg_temp.bump()`;
      await tx`INSERT INTO bump VALUES (1)`;
    },
    "forge an outbox row": (tx) => tx`INSERT INTO ledger.outbox (ledger, topic, partition_key, event_type, aggregate_id, payload)
      VALUES ('main', 'ledgerflow.ledger.transactions.v1', 'main', 'ledgerflow.events.v1.TransactionPosted', ${POSTED}, '{}')`,
    "truncate the embedded event log": (tx) => tx`TRUNCATE events.log`,
    "change a used currency's scale": (tx) => tx`UPDATE ledger.currencies SET scale = 4 WHERE code = 'USD'`,
    "create a function in the ledger's schema": (tx) => tx.unsafe(`CREATE FUNCTION ledger.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'`),
    "create a table in public": (tx) => tx`CREATE TABLE public.evil (x int)`,
    "take the owner's role": (tx) => tx`SET LOCAL ROLE ledgerflow_owner`,
  };
  for (const [name, attack] of Object.entries(attacks)) {
    test(name, async () => {
      for (const service of SERVICES) {
        const code = await refusal(as.get(service)!, attack);
        // 42501 insufficient privilege / must be owner; LF003/LF004 the journal's own refusals.
        expect({ service, code, ok: ["42501", "LF003", "LF004", "LF006"].includes(code) }).toEqual({ service, code, ok: true });
      }
      await booksIntact();
    });
  }
});

describe("what only some roles may do", () => {
  test("only the relay marks outbox rows published, and never changes them otherwise", async () => {
    for (const service of SERVICES.filter((s) => s !== "relay")) {
      expect(await refusal(as.get(service)!, (tx) => tx`UPDATE ledger.outbox SET published_at = now() WHERE published_at IS NULL`)).toBe("42501");
    }
    const relay = as.get("relay")!;
    expect(await refusal(relay, (tx) => tx`UPDATE ledger.outbox SET payload = '{}'`)).toBe("42501");
    expect(await refusal(relay, (tx) => tx`DELETE FROM ledger.outbox WHERE published_at IS NULL`)).toBe("LF003");
    await booksIntact();
  });

  test("unbalanced, overdrawn and late entries are refused for the ledger's role too", async () => {
    const ledger = as.get("ledger")!;
    const unbalanced = await refusal(ledger, async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 10), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 9)`;
    });
    expect(unbalanced).toBe("LF002");
    const early = await refusal(ledger, async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 10), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 10)`;
      await tx`SET CONSTRAINTS ALL IMMEDIATE`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES (${id}, 2, 'main', ${WALLET}, 'USD', 'credit', 'post', 1000)`;
    });
    expect(early).toBe("LF002");
    const overdraft = await refusal(ledger, async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${WALLET}, 'USD', 'debit', 'post', 101), (${id}, 1, 'main', ${CASH}, 'USD', 'credit', 'post', 101)`;
    });
    expect(overdraft).toBe("LF001");
    const late = await refusal(
      ledger,
      (tx) => tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount)
      VALUES (${POSTED}, 5, 'main', ${WALLET}, 'USD', 'credit', 'post', 1)`,
    );
    expect(late).toBe("23503");
    await booksIntact();
  });

  test("a service reads no other service's schema", async () => {
    const reads: [Service, string][] = [
      ["ledger", "SELECT 1 FROM admin.sessions LIMIT 1"],
      ["ledger", "SELECT 1 FROM billing.plans LIMIT 1"],
      ["ledger", "SELECT 1 FROM events.log LIMIT 1"],
      ["billing", "SELECT 1 FROM ledger.entries LIMIT 1"],
      ["billing", "SELECT 1 FROM admin.sessions LIMIT 1"],
      ["admin", "SELECT 1 FROM ledger.entries LIMIT 1"],
      ["admin", "SELECT 1 FROM billing.plans LIMIT 1"],
      ["admin", "SELECT 1 FROM events.log LIMIT 1"],
      ["projector", "SELECT 1 FROM admin.sessions LIMIT 1"],
      ["projector", "SELECT 1 FROM billing.plans LIMIT 1"],
      ["relay", "SELECT 1 FROM ledger.entries LIMIT 1"],
      ["relay", "SELECT 1 FROM admin.sessions LIMIT 1"],
    ];
    for (const [service, query] of reads) {
      expect({ service, query, code: await refusal(as.get(service)!, (tx) => tx.unsafe(query)) }).toEqual({ service, query, code: "42501" });
    }
  });

  test("a raw insert by another role records that role as the caller and may name no actor", async () => {
    const role = `lf_dba_${process.pid}`;
    await db.sql.unsafe(`CREATE ROLE ${role} LOGIN`);
    try {
      await db.sql.unsafe(`GRANT CONNECT ON DATABASE ${db.name} TO ${role}; GRANT USAGE ON SCHEMA ledger TO ${role};
        GRANT SELECT, INSERT ON ledger.transactions, ledger.entries TO ${role}; GRANT SELECT ON ledger.accounts TO ${role}`);
      const url = new URL(db.url);
      url.username = role;
      const dba = connect({ url: url.toString(), max: 1 });
      try {
        const post = (extra: "caller" | "actor" | "none") => async (tx: Sql) => {
          const id = nextId();
          if (extra === "caller") await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, caller) VALUES (${id}, 'main', 'standard', ${id}, 'admin-api')`;
          else if (extra === "actor") await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, actor) VALUES (${id}, 'main', 'standard', ${id}, 'admin@ledgerflow.local')`;
          else await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
          await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
            (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 3), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 3)`;
          return id;
        };
        expect(await refusal(dba, post("caller"))).toBe("LF003");
        expect(await refusal(dba, post("actor"))).toBe("LF003");
        let id = "";
        await dba.begin(async (tx) => {
          id = await post("none")(tx as unknown as Sql);
        });
        const [row] = await db.sql`SELECT caller, actor FROM ledger.transactions WHERE id = ${id}`;
        expect(row).toEqual({ caller: role, actor: null });
      } finally {
        await dba.end();
      }
    } finally {
      await db.sql.unsafe(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
    await booksIntact();
  });

  test("even the owner cannot re-denominate a currency in use", async () => {
    expect(await refusal(db.sql, (tx) => tx`UPDATE ledger.currencies SET scale = 4 WHERE code = 'USD'`)).toBe("LF006");
    expect(await refusal(db.sql, (tx) => tx`UPDATE ledger.currencies SET scale = 4 WHERE code = 'NOK'`)).toBe("accepted");
  });
});
