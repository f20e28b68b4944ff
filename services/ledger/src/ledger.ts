// The ledger's operations, independent of any wire format: the RPC handlers and the REST routes
// both call these. Reads go straight to Postgres; postings go through the group-commit writer;
// commit, void and reversal each run in a transaction of their own that locks the original first.
import type { Sql } from "postgres";
import type { CircuitBreaker } from "@ledgerflow/platform/resilience";
import { pgtyped } from "@ledgerflow/platform/db";
import { decodePageToken, encodePageToken, pageSize, POSITION } from "@ledgerflow/platform/paging";
import { invalid, LedgerError } from "./domain/errors.ts";
import { commitEntries, reversalEntries, voidEntries } from "./domain/follow-ups.ts";
import { parseNonNegative } from "./domain/money.ts";
import * as posting from "./domain/posting.ts";
import type { Author, TransactionDraft } from "./domain/posting.ts";
import * as accountsDb from "./db/accounts.queries.ts";
import * as txDb from "./db/transactions.queries.ts";
import * as currenciesDb from "./db/currencies.queries.ts";
import { writeDrafts, type Outcome } from "./posting/engine.ts";
import { toLedgerError } from "./posting/db-errors.ts";
import type { Writer } from "./posting/writer.ts";
import { accountView, balanceView, loadTransactions } from "./store.ts";
import { transactionStatus } from "@ledgerflow/platform/wire";
import type { AccountView, BalanceView, BatchItemResult, CreateAccountInput, ListAccountsInput, ListTransactionsInput, PolicyInput, PostResult, TransactionView } from "./views.ts";

export type * from "./views.ts";

/** The ledger's own writes: holds voided because they expired. */
const EXPIRY_AUTHOR: Author = { caller: "ledger", actor: "hold-expiry" };

export const BATCH_ITEMS_MAX = 1000;

export class Ledger {
  constructor(
    private readonly sql: Sql,
    private readonly writer: Writer,
    private readonly breaker: CircuitBreaker,
    /** Told of every transaction this process wrote, by kind (metrics). */
    private readonly onWritten: (kind: posting.Kind) => void = () => {},
  ) {}

  private read<T>(fn: () => Promise<T>): Promise<T> {
    return this.breaker.run(fn).catch((error) => {
      throw toLedgerError(error);
    });
  }

  // ---- accounts -------------------------------------------------------------------------

  async listCurrencies(): Promise<{ code: string; scale: number }[]> {
    return this.read(() => currenciesDb.listCurrencies.run(undefined, pgtyped(this.sql)));
  }

  async createAccount(input: CreateAccountInput): Promise<AccountView> {
    const ledger = posting.ledgerName(input.ledger);
    const code = posting.accountCode(input.code, "code");
    if (!input.currency || !/^[A-Z][A-Z0-9]{2,9}$/.test(input.currency)) throw invalid("currency", "must be a currency code such as USD");
    if (input.normalBalance !== "debit" && input.normalBalance !== "credit") throw invalid("normal_balance", "must be NORMAL_BALANCE_DEBIT or NORMAL_BALANCE_CREDIT");
    const limit = input.overdraftLimit === undefined ? null : parseNonNegative(input.overdraftLimit, "overdraft_limit").toString();
    if (limit !== null && !input.allowOverdraft) throw invalid("overdraft_limit", "needs allow_overdraft");
    const metadata = posting.metadata(input.metadata);
    return this.read(async () => {
      const currency = await this.sql`SELECT 1 FROM ledger.currencies WHERE code = ${input.currency!}`;
      if (currency.length === 0) throw invalid("currency", `unknown currency ${input.currency}`);
      const id = Bun.randomUUIDv7();
      const created = await this.sql.begin(async (tx) => {
        const db = pgtyped(tx);
        await accountsDb.ensureLedger.run({ ledger }, db);
        return accountsDb.insertAccount.run(
          {
            id,
            ledger,
            code,
            currency: input.currency!,
            normalBalance: input.normalBalance!,
            allowOverdraft: input.allowOverdraft ?? false,
            overdraftLimit: limit,
            metadata,
          },
          db,
        );
      });
      if (created.length === 0) throw new LedgerError("already_exists", `account ${code} already exists in ledger ${ledger}`, { field: "code" });
      const [row] = await accountsDb.getAccountById.run({ ledger, id }, pgtyped(this.sql));
      return accountView(row!);
    });
  }

  async getAccount(input: { ledger?: string; accountId?: string; accountCode?: string }): Promise<AccountView> {
    const ledger = posting.ledgerName(input.ledger);
    const db = pgtyped(this.sql);
    const rows = await this.read(() =>
      input.accountId ? accountsDb.getAccountById.run({ ledger, id: posting.uuid(input.accountId, "account_id") }, db) : accountsDb.getAccountByCode.run({ ledger, code: posting.accountCode(input.accountCode, "account_code") }, db),
    );
    if (!rows[0]) throw new LedgerError("not_found", `account ${input.accountId ?? input.accountCode} not found in ledger ${ledger}`);
    return accountView(rows[0]);
  }

  async listAccounts(input: ListAccountsInput): Promise<{ accounts: AccountView[]; nextPageToken: string }> {
    const ledger = posting.ledgerName(input.ledger);
    const size = pageSize(input.pageSize);
    const metadata = input.metadata && Object.keys(input.metadata).length > 0 ? posting.metadata(input.metadata) : null;
    const rows = await this.read(() =>
      accountsDb.listAccounts.run(
        {
          ledger,
          currency: input.currency || null,
          codePrefix: input.codePrefix || null,
          metadata,
          afterCode: decodePageToken("accounts", input.pageToken, [POSITION.text])?.[0] ?? null,
          limit: BigInt(size + 1),
        },
        pgtyped(this.sql),
      ),
    );
    const page = rows.slice(0, size);
    return { accounts: page.map(accountView), nextPageToken: rows.length > size ? encodePageToken("accounts", [page[page.length - 1]!.code]) : "" };
  }

  async updateAccountPolicy(input: PolicyInput): Promise<AccountView> {
    const current = await this.getAccount({ ledger: input.ledger, accountId: input.accountId });
    const allowOverdraft = input.allowOverdraft ?? current.allowOverdraft;
    let limit = current.overdraftLimit;
    if (input.clearOverdraftLimit) limit = null;
    if (input.overdraftLimit !== undefined) limit = parseNonNegative(input.overdraftLimit, "overdraft_limit").toString();
    if (!allowOverdraft) limit = null;
    const metadata = input.metadata ? posting.metadata(input.metadata) : current.metadata;
    const [row] = await this.read(() => accountsDb.updateAccountPolicy.run({ ledger: current.ledger, id: current.id, allowOverdraft, overdraftLimit: limit, metadata }, pgtyped(this.sql)));
    if (!row) throw new LedgerError("not_found", `account ${current.id} not found`);
    return this.getAccount({ ledger: current.ledger, accountId: current.id });
  }

  // ---- postings -------------------------------------------------------------------------

  async post(input: posting.PostInput, deadline?: number): Promise<PostResult> {
    const draft = posting.draftPosting(input, new Date());
    const [outcome] = await this.writer.submit({ drafts: [draft], atomic: true }, deadline);
    return this.settle(outcome!, draft.ledger);
  }

  async postBatch(inputs: posting.PostInput[], atomic: boolean, deadline?: number): Promise<BatchItemResult[]> {
    if (inputs.length === 0) throw invalid("transactions", "at least one transaction is required");
    if (inputs.length > BATCH_ITEMS_MAX) throw invalid("transactions", `at most ${BATCH_ITEMS_MAX} transactions per batch`);
    const now = new Date();
    const drafts: (TransactionDraft | LedgerError)[] = inputs.map((input, i) => {
      try {
        return posting.draftPosting(input, now, `transactions[${i}]`);
      } catch (error) {
        if (atomic || !(error instanceof LedgerError)) throw error;
        return error;
      }
    });
    const valid = drafts.filter((d): d is TransactionDraft => !(d instanceof LedgerError));
    const outcomes = valid.length > 0 ? await this.writer.submit({ drafts: valid, atomic }, deadline) : [];
    if (atomic) {
      const failed = outcomes.find((o) => o.status === "failed");
      if (failed && failed.status === "failed") throw failed.error;
    }
    let next = 0;
    const results: BatchItemResult[] = [];
    for (const d of drafts) {
      if (d instanceof LedgerError) {
        results.push({ error: d });
        continue;
      }
      const outcome = outcomes[next++]!;
      results.push(outcome.status === "failed" ? { error: outcome.error } : await this.settle(outcome, d.ledger));
    }
    return results;
  }

  private async settle(outcome: Outcome, ledger: string): Promise<PostResult> {
    if (outcome.status === "failed") throw outcome.error;
    if (outcome.status === "replayed") return { transaction: await this.getTransaction({ ledger, transactionId: outcome.transactionId }), replayed: true };
    const t = outcome.transaction;
    this.onWritten(t.draft.kind);
    const d = t.draft;
    return {
      replayed: false,
      transaction: {
        id: t.id,
        ledger: d.ledger,
        kind: d.kind,
        status: transactionStatus(d.kind),
        idempotencyKey: d.idempotencyKey,
        description: d.description,
        metadata: d.metadata,
        entries: t.entries,
        parentId: d.parentId,
        resolvedById: null,
        reversedById: null,
        voidReason: d.voidReason,
        sequence: t.seq,
        effectiveAt: d.effectiveAt ?? t.createdAt,
        createdAt: t.createdAt,
        expiresAt: d.expiresAt,
        caller: d.author?.caller ?? posting.LEDGER_AUTHOR.caller,
        actor: d.author?.actor ?? null,
      },
    };
  }

  // ---- holds and reversals --------------------------------------------------------------

  async commit(input: { ledger?: string; transactionId?: string; amounts?: { leg: number; amount: string }[]; idempotencyKey?: string; author?: Author }) {
    const ledger = posting.ledgerName(input.ledger);
    const id = posting.uuid(input.transactionId, "transaction_id");
    const key = input.idempotencyKey ? posting.idempotencyKey(input.idempotencyKey) : `commit:${id}`;
    const overrides = new Map<number, bigint>();
    for (const [i, a] of (input.amounts ?? []).entries()) {
      if (overrides.has(a.leg)) throw invalid(`amounts[${i}].leg`, "names a leg twice");
      overrides.set(a.leg, parseNonNegative(a.amount, `amounts[${i}].amount`));
    }
    return this.resolve(ledger, id, "commit", key, input.author, (original) => ({ entries: commitEntries(original, overrides), voidReason: null }));
  }

  async void(input: { ledger?: string; transactionId?: string; idempotencyKey?: string; author?: Author }, reason: "requested" | "expired" = "requested") {
    const ledger = posting.ledgerName(input.ledger);
    const id = posting.uuid(input.transactionId, "transaction_id");
    const key = input.idempotencyKey ? posting.idempotencyKey(input.idempotencyKey) : `void:${id}`;
    return this.resolve(ledger, id, "void", key, input.author, (original) => ({ entries: voidEntries(original), voidReason: reason }));
  }

  async reverse(input: { ledger?: string; transactionId?: string; idempotencyKey?: string; description?: string; metadata?: Record<string, string>; author?: Author }) {
    const ledger = posting.ledgerName(input.ledger);
    const id = posting.uuid(input.transactionId, "transaction_id");
    const key = input.idempotencyKey ? posting.idempotencyKey(input.idempotencyKey) : `reverse:${id}`;
    return this.resolve(ledger, id, "reversal", key, input.author, (original) => ({
      entries: reversalEntries(original),
      voidReason: null,
      description: posting.description(input.description || `Reversal of ${id}`),
      metadata: input.metadata,
    }));
  }

  /**
   * Shared path of commit, void and reversal: lock the original, refuse wrong states, replay a
   * repeated request, and write the follow-up transaction in the same database transaction.
   */
  private async resolve(
    ledger: string,
    id: string,
    kind: "commit" | "void" | "reversal",
    key: string,
    author: Author | undefined,
    build: (original: TransactionView) => { entries: posting.EntryDraft[]; voidReason: "requested" | "expired" | null; description?: string; metadata?: Record<string, string> },
  ): Promise<{ transaction: TransactionView; child: TransactionView; replayed: boolean }> {
    const result = await this.read(() =>
      this.sql.begin(async (tx) => {
        const db = pgtyped(tx);
        const [locked] = await txDb.lockPendingTransaction.run({ ledger, id }, db);
        if (!locked) throw new LedgerError("not_found", `transaction ${id} not found in ledger ${ledger}`);
        const original = (await loadTransactions(tx, ledger, [id]))[0]!;
        const spec = build(original);
        const base = {
          ledger,
          kind,
          parentId: id,
          idempotencyKey: key,
          description: spec.description ?? "",
          metadata: posting.metadata(spec.metadata),
          voidReason: spec.voidReason,
          effectiveAt: null,
          expiresAt: null,
          entries: spec.entries,
        };
        const draft: TransactionDraft = { ...base, requestHash: posting.requestHash(base), author };
        const existingChild = kind === "reversal" ? original.reversedById : original.resolvedById;
        if (existingChild) {
          const [child] = await loadTransactions(tx, ledger, [existingChild]);
          if (child && child.idempotencyKey === key && child.kind === kind) return { replayedChild: child.id };
          throw new LedgerError("failed_precondition", `transaction ${id} was already ${original.status === "voided" ? "voided" : original.status === "reversed" ? "reversed" : "committed"}`);
        }
        if (kind === "commit" && original.expiresAt && original.expiresAt.getTime() <= Date.now()) {
          return { expired: true };
        }
        const outcome = (await writeDrafts(tx, [{ drafts: [draft], atomic: true }]))[0]![0];
        if (outcome!.status === "failed") throw outcome!.error;
        return { childId: outcome!.status === "created" ? outcome!.transaction.id : outcome!.transactionId, replayed: outcome!.status === "replayed" };
      }),
    );
    if ("expired" in result) {
      await this.void({ ledger, transactionId: id, author: EXPIRY_AUTHOR }, "expired").catch(() => undefined);
      throw new LedgerError("failed_precondition", `transaction ${id} expired before it was committed; its holds were released`);
    }
    const childId = "replayedChild" in result ? result.replayedChild! : result.childId!;
    if (!("replayedChild" in result) && !result.replayed) this.onWritten(kind);
    const [transaction, child] = await this.read(() => loadTransactions(this.sql, ledger, [id, childId]));
    return { transaction: transaction!, child: child!, replayed: "replayedChild" in result || Boolean(result.replayed) };
  }

  // ---- reads ----------------------------------------------------------------------------

  async getTransaction(input: { ledger?: string; transactionId?: string }): Promise<TransactionView> {
    const ledger = posting.ledgerName(input.ledger);
    const id = posting.uuid(input.transactionId, "transaction_id");
    const [t] = await this.read(() => loadTransactions(this.sql, ledger, [id]));
    if (!t) throw new LedgerError("not_found", `transaction ${id} not found in ledger ${ledger}`);
    return t;
  }

  async listTransactions(input: ListTransactionsInput): Promise<{ transactions: TransactionView[]; nextPageToken: string }> {
    const ledger = posting.ledgerName(input.ledger);
    const size = pageSize(input.pageSize);
    const accountId = input.accountId ? posting.uuid(input.accountId, "account_id") : null;
    const metadata = input.metadata && Object.keys(input.metadata).length > 0 ? posting.metadata(input.metadata) : null;
    const beforeSeq = decodePageToken("transactions", input.pageToken, [POSITION.sequence])?.[0] ?? null;
    return this.read(async () => {
      const filter = {
        ledger,
        createdAfter: input.createdAfter ?? null,
        createdBefore: input.createdBefore ?? null,
        metadata,
        beforeSeq: beforeSeq === null ? null : BigInt(beforeSeq),
        limit: BigInt(size + 1),
      };
      // By account: from the account's entries (their index), so the cost follows the account's
      // history, not the ledger's (walking the ledger newest first took a second per page over a
      // million entries for an account with a few).
      const rows = accountId ? await txDb.listAccountTransactionIds.run({ ...filter, accountId }, pgtyped(this.sql)) : await txDb.listTransactionIds.run(filter, pgtyped(this.sql));
      const page = rows.slice(0, size);
      const transactions = await loadTransactions(
        this.sql,
        ledger,
        page.map((r) => r.id),
      );
      return { transactions, nextPageToken: rows.length > size ? encodePageToken("transactions", [String(page[page.length - 1]!.seq)]) : "" };
    });
  }

  async getBalance(input: { ledger?: string; accountId?: string; asOf?: Date }): Promise<BalanceView> {
    const account = await this.getAccount({ ledger: input.ledger, accountId: input.accountId });
    if (!input.asOf || input.asOf.getTime() >= Date.now()) return account.balance;
    if (Number.isNaN(input.asOf.getTime())) throw invalid("as_of", "must be a valid timestamp");
    const [row] = await this.read(() => accountsDb.getBalanceAsOf.run({ accountId: account.id, asOf: input.asOf! }, pgtyped(this.sql)));
    return balanceView(account, row ?? { posted_debits: "0", posted_credits: "0", pending_debits: "0", pending_credits: "0", account_version: 0n }, input.asOf);
  }

  /** Voids holds whose expiry passed; returns how many. Driven by the database, so it survives restarts. */
  async expireHolds(limit = 100): Promise<number> {
    const rows = await this.read(() => txDb.expiredHolds.run({ limit }, pgtyped(this.sql)));
    let voided = 0;
    for (const row of rows) {
      try {
        const result = await this.void({ ledger: row.ledger, transactionId: row.transaction_id, idempotencyKey: `expire:${row.transaction_id}`, author: EXPIRY_AUTHOR }, "expired");
        if (!result.replayed) voided += 1;
      } catch (error) {
        // A commit or void that won the race already resolved it; anything else is retried next sweep.
        if (!(error instanceof LedgerError) || error.code !== "failed_precondition") throw error;
      }
    }
    return voided;
  }
}
