// The hash chain over each ledger's transactions (sql/migrations/0042): raw-SQL writers are
// chained, concurrent writers leave one unbroken chain, and an edit made behind the triggers by
// the owner or a superuser is named by ledger.verify_chain(); no service role writes the chain.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import type { Sql } from "postgres";
import { connect, loadMigrations, migrate, SERVICES } from "@ledgerflow/platform/db";
import { createTestDatabase, databaseUrl, type TestDatabase, testServerUrl } from "@ledgerflow/platform/testing";

let db: TestDatabase;
let sql: Sql;
let n = 0;
const nextId = () => `40000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const ZERO = Buffer.alloc(32);

interface Book {
  ledger: string;
  /** Two cash/wallet pairs, so that two writers need not wait for each other's balances. */
  pairs: [string, string][];
}

/** A ledger of its own per test, so that a break made by one test is not seen by another. */
async function newBook(): Promise<Book> {
  const ledger = `chain-${++n}`;
  const book: Book = {
    ledger,
    pairs: [
      [nextId(), nextId()],
      [nextId(), nextId()],
    ],
  };
  await sql`INSERT INTO ledger.ledgers (name) VALUES (${ledger})`;
  for (const [i, [cash, wallet]] of book.pairs.entries()) {
    await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
      (${cash}, ${ledger}, ${`cash-${i}`}, 'USD', 'debit', true), (${wallet}, ${ledger}, ${`wallet-${i}`}, 'USD', 'credit', false)`;
  }
  return book;
}

/** Writes a transfer with raw SQL (no service): the transaction row, then its two entries. */
async function transfer(tx: Sql, book: Book, amount: number, pair = 0): Promise<string> {
  const id = nextId();
  const [cash, wallet] = book.pairs[pair]!;
  await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, description) VALUES (${id}, ${book.ledger}, 'standard', ${id}, 'raw')`;
  await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
    (${id}, 0, ${book.ledger}, ${cash}, 'USD', 'debit', 'post', ${amount}), (${id}, 1, ${book.ledger}, ${wallet}, 'USD', 'credit', 'post', ${amount})`;
  return id;
}

async function post(book: Book, count: number): Promise<string[]> {
  return sql.begin(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await transfer(tx as unknown as Sql, book, 100 + i));
    return ids;
  });
}

interface Verdict {
  ledger: string;
  verified_through: string;
  links_checked: string;
  head_position: string;
  broken_position: string | null;
  broken_transaction_id: string | null;
  expected_hash: string | null;
  stored_hash: string | null;
  problem: string | null;
}

async function verify(ledger: string, after = 0): Promise<Verdict> {
  const [row] = await sql<Verdict[]>`SELECT ledger, verified_through::text, links_checked::text, head_position::text, broken_position::text,
      broken_transaction_id, expected_hash, stored_hash, problem FROM ledger.verify_chain(${ledger}, ${after})`;
  return row!;
}

/** Recomputes a ledger's chain outside Postgres, from the bodies of its published events. */
async function chainFromEvents(ledger: string): Promise<{ id: string; position: string; hash: string; recomputed: string; published: unknown }[]> {
  const rows = await sql<{ id: string; position: string; hash: Buffer; body: string; published: unknown }[]>`
    SELECT c.transaction_id AS id, c.position, c.hash, (o.payload -> 'transaction')::text AS body, o.payload -> 'chain' AS published
      FROM ledger.chain_links c JOIN ledger.outbox o ON o.event_id = c.transaction_id
     WHERE c.ledger = ${ledger} ORDER BY c.position`;
  let previous: Buffer = ZERO;
  return rows.map((r) => {
    const position = Buffer.alloc(8);
    position.writeBigInt64BE(BigInt(r.position));
    const digest = createHash("sha256").update(r.body, "utf8").digest();
    const recomputed = createHash("sha256").update(previous).update(position).update(digest).digest();
    previous = r.hash;
    return { id: r.id, position: String(r.position), hash: r.hash.toString("hex"), recomputed: recomputed.toString("hex"), published: r.published };
  });
}

/** Runs `work` as the cluster's superuser with every trigger off (what the owner or a superuser can do). */
async function behindTheTriggers(work: (tx: Sql) => Promise<unknown>): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await work(tx as unknown as Sql);
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
});
afterAll(async () => {
  await db.close();
});

describe("raw SQL is chained", () => {
  test("each transaction gets the next position and a hash over its event body and the link before", async () => {
    const book = await newBook();
    const first = await post(book, 3);
    const second = await post(book, 2);
    const chain = await chainFromEvents(book.ledger);
    expect(chain.map((c) => c.id)).toEqual([...first, ...second]);
    expect(chain.map((c) => c.position)).toEqual(["1", "2", "3", "4", "5"]);
    for (const link of chain) expect(link.recomputed).toBe(link.hash);
    // Each event carries its link: a copy of the chain outside the database.
    for (const link of chain) expect(link.published).toEqual({ position: link.position, hash: link.hash });
    const [head] = await sql`SELECT position::text, encode(hash, 'hex') AS hash FROM ledger.chain_heads WHERE ledger = ${book.ledger}`;
    expect(head).toEqual({ position: "5", hash: chain[4]!.hash });
    expect(await verify(book.ledger)).toMatchObject({ verified_through: "5", links_checked: "5", head_position: "5", problem: null });
    // Continuing from a verified position checks only what follows.
    expect(await verify(book.ledger, 3)).toMatchObject({ verified_through: "5", links_checked: "2", problem: null });
  });

  test("two writers committing on one ledger at the same time leave one unbroken chain", async () => {
    const book = await newBook();
    const a = connect({ url: db.url, max: 1 });
    const b = connect({ url: db.url, max: 1 });
    try {
      // Interleaved: both write before either commits; the second commit waits for the first's head.
      let releaseA!: () => void;
      const aWrote = new Promise<void>((resolve) => (releaseA = resolve));
      let bWrote!: () => void;
      const bReady = new Promise<void>((resolve) => (bWrote = resolve));
      const txA = a.begin(async (tx) => {
        await transfer(tx as unknown as Sql, book, 1);
        releaseA();
        await bReady;
        await transfer(tx as unknown as Sql, book, 2);
      });
      const txB = b.begin(async (tx) => {
        await aWrote;
        await transfer(tx as unknown as Sql, book, 3, 1);
        bWrote();
      });
      await Promise.all([txA, txB]);
      // Then many small commits from both at once.
      await Promise.all(
        [a, b].map(async (client, pair) => {
          for (let i = 0; i < 20; i++) await client.begin((tx) => transfer(tx as unknown as Sql, book, 10 + i, pair));
        }),
      );
    } finally {
      await a.end();
      await b.end();
    }
    const chain = await chainFromEvents(book.ledger);
    expect(chain.length).toBe(43);
    expect(chain.map((c) => c.position)).toEqual(Array.from({ length: 43 }, (_, i) => String(i + 1)));
    for (const link of chain) expect(link.recomputed).toBe(link.hash);
    expect(await verify(book.ledger)).toMatchObject({ verified_through: "43", problem: null });
  });

  test("an account's transactions in several ledgers in one database transaction each join their own chain", async () => {
    const one = await newBook();
    const two = await newBook();
    await sql.begin(async (tx) => {
      await transfer(tx as unknown as Sql, two, 5);
      await transfer(tx as unknown as Sql, one, 6);
      await transfer(tx as unknown as Sql, two, 7);
    });
    expect((await chainFromEvents(one.ledger)).map((c) => c.position)).toEqual(["1"]);
    expect((await chainFromEvents(two.ledger)).map((c) => c.position)).toEqual(["1", "2"]);
    const all = await sql<Verdict[]>`SELECT ledger, verified_through::text, problem FROM ledger.verify_chain() WHERE ledger IN (${one.ledger}, ${two.ledger})`;
    expect(all.map((v) => [v.ledger, v.verified_through, v.problem])).toEqual([
      [one.ledger, "1", null],
      [two.ledger, "2", null],
    ]);
  });
});

describe("an edit behind the triggers is named by verify", () => {
  test("a transaction's description changed by a superuser with every trigger off", async () => {
    const book = await newBook();
    const ids = await post(book, 4);
    await behindTheTriggers((tx) => tx`UPDATE ledger.transactions SET description = 'nothing to see' WHERE id = ${ids[1]!}`);
    const v = await verify(book.ledger);
    expect(v).toMatchObject({ broken_position: "2", broken_transaction_id: ids[1], verified_through: "1" });
    expect(v.problem).toContain(`transaction ${ids[1]} does not match its link`);
    expect(v.expected_hash).not.toBe(v.stored_hash);
    // The verdict does not depend on where the pass starts, as long as it starts before the edit.
    expect(await verify(book.ledger, 1)).toMatchObject({ broken_transaction_id: ids[1] });
    expect(await verify(book.ledger, 2)).toMatchObject({ problem: null, verified_through: "4" });
  });

  test("an entry's amount changed by the owner with the table's triggers disabled", async () => {
    const book = await newBook();
    const ids = await post(book, 3);
    await sql.begin(async (tx) => {
      await tx`SET LOCAL ROLE ledgerflow_owner`;
      await tx`ALTER TABLE ledger.entries DISABLE TRIGGER USER`;
      await tx`UPDATE ledger.entries SET amount = amount * 100 WHERE transaction_id = ${ids[2]!}`;
      await tx`ALTER TABLE ledger.entries ENABLE TRIGGER USER`;
    });
    const v = await verify(book.ledger);
    expect(v).toMatchObject({ broken_position: "3", broken_transaction_id: ids[2] });
    expect(v.problem).toContain("does not match its link");
  });

  test("a deleted transaction, a deleted link, links removed from the end, and a transaction slipped in without one", async () => {
    const deleted = await newBook();
    const ids = await post(deleted, 3);
    await behindTheTriggers(async (tx) => {
      await tx`DELETE FROM ledger.entries WHERE transaction_id = ${ids[0]!}`;
      await tx`DELETE FROM ledger.transactions WHERE id = ${ids[0]!}`;
    });
    expect(await verify(deleted.ledger)).toMatchObject({ broken_position: "1", broken_transaction_id: ids[0], problem: `transaction ${ids[0]} is missing (deleted)` });

    const unlinked = await newBook();
    const kept = await post(unlinked, 3);
    await behindTheTriggers((tx) => tx`DELETE FROM ledger.chain_links WHERE transaction_id = ${kept[1]!}`);
    expect(await verify(unlinked.ledger)).toMatchObject({ broken_position: "3", broken_transaction_id: kept[2], verified_through: "1", problem: "links 2 to 2 are missing (deleted)" });

    const tail = await newBook();
    const tailIds = await post(tail, 3);
    await behindTheTriggers(async (tx) => {
      await tx`DELETE FROM ledger.entries WHERE transaction_id = ${tailIds[2]!}`;
      await tx`DELETE FROM ledger.transactions WHERE id = ${tailIds[2]!}`;
      await tx`DELETE FROM ledger.chain_links WHERE transaction_id = ${tailIds[2]!}`;
    });
    const t = await verify(tail.ledger);
    expect(t).toMatchObject({ verified_through: "2", head_position: "3", broken_position: "3" });
    expect(t.problem).toContain("does not match the last link");

    const slipped = await newBook();
    await post(slipped, 2);
    const forged = await sql.begin(async (tx) => {
      await tx`SET LOCAL session_replication_role = replica`;
      return transfer(tx as unknown as Sql, slipped, 1_000_000);
    });
    expect(await verify(slipped.ledger)).toMatchObject({ broken_transaction_id: forged, verified_through: "2" });
    expect((await verify(slipped.ledger)).problem).toContain("has no link");
  });
});

describe("nobody but the owner writes the chain", () => {
  test("the ledger's role may read and verify the chain but not write it; other services may not touch it", async () => {
    const book = await newBook();
    const [id] = await post(book, 1);
    const ledger = connect({ url: db.urlFor("ledger"), max: 1 });
    const refusal = (work: (tx: Sql) => Promise<unknown>) =>
      ledger
        .begin((tx) => work(tx as unknown as Sql))
        .then(
          () => "accepted",
          (e) => (e as { code: string }).code,
        );
    try {
      expect(await refusal((tx) => tx`INSERT INTO ledger.chain_links (transaction_id, ledger, position, hash) VALUES (${nextId()}, ${book.ledger}, 2, ${ZERO})`)).toBe("42501");
      expect(await refusal((tx) => tx`UPDATE ledger.chain_links SET hash = ${ZERO} WHERE transaction_id = ${id!}`)).toBe("42501");
      expect(await refusal((tx) => tx`DELETE FROM ledger.chain_links WHERE transaction_id = ${id!}`)).toBe("42501");
      expect(await refusal((tx) => tx`UPDATE ledger.chain_heads SET position = 0 WHERE ledger = ${book.ledger}`)).toBe("42501");
      expect(await refusal((tx) => tx`TRUNCATE ledger.chain_links`)).toBe("42501");
      expect(await refusal((tx) => tx`ALTER TABLE ledger.chain_links DISABLE TRIGGER ALL`)).toBe("42501");
      const [v] = await ledger`SELECT problem, verified_through::text FROM ledger.verify_chain(${book.ledger})`;
      expect(v).toEqual({ problem: null, verified_through: "1" });
    } finally {
      await ledger.end();
    }
    // The other services have no access to the chain at all.
    for (const service of SERVICES.filter((s) => s !== "ledger")) {
      const other = connect({ url: db.urlFor(service), max: 1 });
      try {
        const code = await other`INSERT INTO ledger.chain_links (transaction_id, ledger, position, hash) VALUES (${nextId()}, ${book.ledger}, 2, ${ZERO})`.then(
          () => "accepted",
          (e) => (e as { code: string }).code,
        );
        expect([service, code]).toEqual([service, "42501"]);
      } finally {
        await other.end();
      }
    }
    // With the triggers on, even a superuser cannot change a link or move a head.
    const asSuperuser = (work: (tx: Sql) => Promise<unknown>) =>
      sql
        .begin((tx) => work(tx as unknown as Sql))
        .then(
          () => "accepted",
          (e) => (e as { code: string }).code,
        );
    expect(await asSuperuser((tx) => tx`UPDATE ledger.chain_links SET hash = ${ZERO} WHERE transaction_id = ${id!}`)).toBe("LF003");
    expect(await asSuperuser((tx) => tx`DELETE FROM ledger.chain_links WHERE transaction_id = ${id!}`)).toBe("LF003");
    expect(await asSuperuser((tx) => tx`UPDATE ledger.chain_heads SET position = 0 WHERE ledger = ${book.ledger}`)).toBe("LF004");
    expect(await verify(book.ledger)).toMatchObject({ problem: null, verified_through: "1" });
  });
});

describe("the migration chains the transactions written before it", () => {
  test("per ledger in sequence order, each link over the body its event carries", async () => {
    const name = `chain_backfill_${process.pid}_${Date.now().toString(36)}`;
    const admin = connect({ url: testServerUrl(), max: 1 });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0`);
    const old = connect({ url: databaseUrl(testServerUrl(), name), max: 1 });
    try {
      await migrate(
        old,
        loadMigrations().filter((m) => m.version < 42),
      );
      await old`INSERT INTO ledger.ledgers (name) VALUES ('before')`;
      await old`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
        (${nextId()}, 'before', 'cash', 'USD', 'debit', true), (${nextId()}, 'before', 'wallet', 'USD', 'credit', false)`;
      const [cash, wallet] = (await old`SELECT id FROM ledger.accounts WHERE ledger = 'before' ORDER BY code`).map((r) => r.id as string);
      const book: Book = { ledger: "before", pairs: [[cash!, wallet!]] };
      const written: string[] = [];
      for (let i = 0; i < 3; i++) written.push(await old.begin((tx) => transfer(tx as unknown as Sql, book, 7 + i)));
      const [before] = await old`SELECT count(*)::int AS n FROM ledger.outbox`;
      const result = await migrate(old);
      expect(result.applied).toContain("0042_tamper_evidence");
      // The events already written are untouched, and every transaction has its link.
      expect((await old`SELECT count(*)::int AS n FROM ledger.outbox`)[0]).toEqual(before!);
      const links = await old`SELECT c.transaction_id AS id, c.position::int AS position, encode(c.hash, 'hex') AS hash,
          encode(ledger.chain_link_hash(coalesce(lag(c.hash) OVER (ORDER BY c.position), ${ZERO}::bytea),
                                        c.position, ledger.transaction_digest(o.payload -> 'transaction')), 'hex') AS from_event
        FROM ledger.chain_links c JOIN ledger.outbox o ON o.event_id = c.transaction_id WHERE c.ledger = 'before' ORDER BY c.position`;
      expect(links.map((l) => [l.id, l.position])).toEqual(written.map((id, i) => [id, i + 1]));
      for (const l of links) expect(l.from_event).toBe(l.hash);
      const [v] = await old`SELECT verified_through::int, problem FROM ledger.verify_chain('before')`;
      expect(v).toEqual({ verified_through: 3, problem: null });
      // And the next transaction continues the chain.
      const next = await old.begin((tx) => transfer(tx as unknown as Sql, book, 99));
      expect((await old`SELECT position::int FROM ledger.chain_links WHERE transaction_id = ${next}`)[0]).toEqual({ position: 4 });
    } finally {
      await old.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
