// The billing operations behind the API: plans, assignments, listings, invoices, status. Each
// checks the request for a precise error; Postgres enforces the same rules again (0030).
import type { Sql } from "postgres";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Account } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { pgtyped } from "@ledgerflow/platform/db";
import * as accrualsDb from "./db/accruals.queries.ts";
import * as assignmentsDb from "./db/assignments.queries.ts";
import * as eventsDb from "./db/events.queries.ts";
import * as invoicesDb from "./db/invoices.queries.ts";
import * as plansDb from "./db/plans.queries.ts";
import { ServiceError, invalid, notFound, precondition } from "@ledgerflow/platform/errors";
import { accountCode, applyPlanChanges, ledgerName, uuid, validateNewPlan, type NewPlanInput, type PlanChanges } from "./domain/plans.ts";
import { toBillingError } from "./db-errors.ts";
import type { BillingConsumer } from "./consumer.ts";
import type { Invoicer, InvoiceRow } from "./invoicing.ts";
import { isTransient, type LedgerClient } from "./ledger-client.ts";
import { decodePageToken, page, pageSize, POSITION } from "@ledgerflow/platform/paging";

export type PlanRow = plansDb.IGetPlanResult;
export type AssignmentRow = assignmentsDb.IInsertAssignmentResult & { plan_name: string };
export type AccrualRow = accrualsDb.IListAccrualsResult;
export type PlanStatusName = "active" | "archived";
export type InvoiceStatusName = "open" | "posting" | "posted" | "failed";

interface Paging {
  pageSize?: number;
  pageToken?: string;
}

export interface BillingStatus {
  lagMessages: number;
  lastEventAt: Date | null;
  eventsProcessed: bigint;
  accruals: bigint;
  invoicesOpen: bigint;
  invoicesFailed: bigint;
  deadLetters: bigint;
}

export class Billing {
  constructor(private readonly o: { sql: Sql; ledger: LedgerClient; invoicer: Invoicer; consumer: BillingConsumer; groupId: string }) {}

  // ---- plans ---------------------------------------------------------------------------

  async createPlan(input: NewPlanInput): Promise<PlanRow> {
    const currencies = await this.fromLedger(() => this.o.ledger.currencyCodes(), "currencies");
    const draft = validateNewPlan(input, currencies);
    const revenue = await this.fromLedger(() => this.o.ledger.getAccount(draft.ledger, { accountCode: draft.revenueAccountCode }), "revenue account").catch((error) => {
      if (error instanceof ServiceError && error.code === "not_found") {
        throw new ServiceError("failed_precondition", `revenue_account_code: account ${draft.revenueAccountCode} does not exist in ledger ${draft.ledger}`, { field: "revenue_account_code" });
      }
      throw error;
    });
    if (revenue.currency !== draft.currency) {
      throw new ServiceError("failed_precondition", `revenue_account_code: account ${draft.revenueAccountCode} is in ${revenue.currency}, the plan in ${draft.currency}`, { field: "revenue_account_code" });
    }
    const [row] = await this.db(() =>
      plansDb.insertPlan.run(
        {
          ...draft,
          fixedFee: draft.fixedFee.toString(),
          minimumFee: draft.minimumFee?.toString() ?? null,
          maximumFee: draft.maximumFee?.toString() ?? null,
          revenueAccountId: revenue.id,
          revenueAccountCode: revenue.code,
        },
        pgtyped(this.o.sql),
      ),
    );
    if (!row) throw new ServiceError("already_exists", `name: a plan named ${JSON.stringify(draft.name)} already exists in ledger ${draft.ledger}`, { field: "name" });
    return row;
  }

  async getPlan(planId: string | undefined): Promise<PlanRow> {
    const id = uuid(planId, "plan_id");
    const [row] = await this.db(() => plansDb.getPlan.run({ id }, pgtyped(this.o.sql)));
    if (!row) throw notFound(`plan ${id} not found`);
    return row;
  }

  async updatePlan(planId: string | undefined, changes: PlanChanges, status: PlanStatusName | undefined): Promise<PlanRow> {
    const id = uuid(planId, "plan_id");
    return this.db(() =>
      this.o.sql.begin(async (tx) => {
        const db = pgtyped(tx);
        const [current] = await plansDb.lockPlan.run({ id }, db);
        if (!current) throw notFound(`plan ${id} not found`);
        const next = applyPlanChanges(
          {
            name: current.name,
            fixedFee: BigInt(current.fixed_fee),
            rateBps: current.rate_bps,
            minimumFee: current.minimum_fee === null ? undefined : BigInt(current.minimum_fee),
            maximumFee: current.maximum_fee === null ? undefined : BigInt(current.maximum_fee),
          },
          changes,
        );
        if (next.name !== current.name && (await plansDb.planNameTaken.run({ ledger: current.ledger, name: next.name, id }, db)).length > 0) {
          throw new ServiceError("already_exists", `name: a plan named ${JSON.stringify(next.name)} already exists in ledger ${current.ledger}`, { field: "name" });
        }
        const [row] = await plansDb.updatePlan.run(
          {
            id,
            name: next.name,
            fixedFee: next.fixedFee.toString(),
            rateBps: next.rateBps,
            minimumFee: next.minimumFee?.toString() ?? null,
            maximumFee: next.maximumFee?.toString() ?? null,
            status: status ?? current.status,
          },
          db,
        );
        return row!;
      }),
    );
  }

  async listPlans(input: { ledger?: string; status?: PlanStatusName } & Paging): Promise<{ items: PlanRow[]; nextPageToken: string }> {
    const ledger = ledgerName(input.ledger);
    const size = pageSize(input.pageSize);
    const after = decodePageToken("plans", input.pageToken, [POSITION.timestamp, POSITION.uuid]);
    const rows = await this.db(() =>
      plansDb.listPlans.run(
        {
          ledger,
          status: input.status ?? null,
          afterCreatedAt: after ? new Date(after[0]!) : null,
          afterId: after?.[1] ?? null,
          limit: BigInt(size + 1),
        },
        pgtyped(this.o.sql),
      ),
    );
    return page(rows, size, "plans", (last) => [last.created_at.toISOString(), last.id]);
  }

  // ---- assignments ---------------------------------------------------------------------

  async assign(input: { ledger?: string; accountId?: string; accountCode?: string; planId?: string }): Promise<AssignmentRow> {
    const ledger = ledgerName(input.ledger);
    if (input.accountId && input.accountCode) throw invalid("account_id", "give account_id or account_code, not both");
    const ref = input.accountId ? { accountId: uuid(input.accountId, "account_id") } : { accountCode: accountCode(input.accountCode, "account_code") };
    const plan = await this.getPlan(input.planId);
    if (plan.ledger !== ledger) throw notFound(`plan ${plan.id} not found in ledger ${ledger}`);
    if (plan.status === "archived") throw precondition(`plan ${plan.id} is archived and takes no new assignments`);
    const account = await this.fromLedger(() => this.o.ledger.getAccount(ledger, ref), "account");
    checkAssignable(account, plan);
    const row = await this.db(() =>
      this.o.sql.begin(async (tx) => {
        const db = pgtyped(tx);
        const [current] = await assignmentsDb.lockCurrentAssignment.run({ accountId: account.id }, db);
        if (current?.plan_id === plan.id) return current;
        if (current) await assignmentsDb.closeAssignment.run({ id: current.id }, db);
        const normalBalance = account.normalBalance === NormalBalance.DEBIT ? "debit" : "credit";
        const [inserted] = await assignmentsDb.insertAssignment.run({ ledger, accountId: account.id, accountCode: account.code, normalBalance, currency: account.currency, planId: plan.id }, db);
        return inserted!;
      }),
    );
    return { ...row, plan_name: plan.name };
  }

  async unassign(input: { ledger?: string; accountId?: string }): Promise<void> {
    const ledger = ledgerName(input.ledger);
    const accountId = uuid(input.accountId, "account_id");
    await this.db(() =>
      this.o.sql.begin(async (tx) => {
        const db = pgtyped(tx);
        const [current] = await assignmentsDb.lockCurrentAssignment.run({ accountId }, db);
        if (!current || current.ledger !== ledger) throw notFound(`account ${accountId} has no plan in ledger ${ledger}`);
        await assignmentsDb.closeAssignment.run({ id: current.id }, db);
      }),
    );
  }

  async listAssignments(input: { ledger?: string; planId?: string; accountId?: string } & Paging): Promise<{ items: AssignmentRow[]; nextPageToken: string }> {
    const ledger = ledgerName(input.ledger);
    const planId = input.planId ? uuid(input.planId, "plan_id") : null;
    const accountId = input.accountId ? uuid(input.accountId, "account_id") : null;
    const size = pageSize(input.pageSize);
    const after = decodePageToken("assignments", input.pageToken, [POSITION.timestamp, POSITION.sequence]);
    const rows = await this.db(() =>
      assignmentsDb.listAssignments.run(
        {
          ledger,
          planId,
          accountId,
          afterAssignedAt: after ? new Date(after[0]!) : null,
          afterId: after ? BigInt(after[1]!) : null,
          limit: BigInt(size + 1),
        },
        pgtyped(this.o.sql),
      ),
    );
    return page(rows, size, "assignments", (last) => [last.assigned_at.toISOString(), String(last.id)]);
  }

  // ---- accruals and invoices -----------------------------------------------------------

  async listAccruals(input: { ledger?: string; accountId?: string; invoiceId?: string } & Paging): Promise<{ items: AccrualRow[]; nextPageToken: string }> {
    const ledger = ledgerName(input.ledger);
    const accountId = input.accountId ? uuid(input.accountId, "account_id") : null;
    const invoiceId = input.invoiceId ? uuid(input.invoiceId, "invoice_id") : null;
    const size = pageSize(input.pageSize);
    const before = decodePageToken("accruals", input.pageToken, [POSITION.sequence]);
    const rows = await this.db(() => accrualsDb.listAccruals.run({ ledger, accountId, invoiceId, beforeSeq: before ? BigInt(before[0]!) : null, limit: BigInt(size + 1) }, pgtyped(this.o.sql)));
    return page(rows, size, "accruals", (last) => [String(last.seq)]);
  }

  async listInvoices(input: { ledger?: string; accountId?: string; status?: InvoiceStatusName } & Paging): Promise<{ items: InvoiceRow[]; nextPageToken: string }> {
    const ledger = ledgerName(input.ledger);
    const accountId = input.accountId ? uuid(input.accountId, "account_id") : null;
    const size = pageSize(input.pageSize);
    const after = decodePageToken("invoices", input.pageToken, [POSITION.timestamp, POSITION.uuid]);
    const rows = await this.db(() =>
      invoicesDb.listInvoices.run(
        {
          ledger,
          accountId,
          status: input.status ?? null,
          afterPeriodStart: after ? new Date(after[0]!) : null,
          afterId: after?.[1] ?? null,
          limit: BigInt(size + 1),
        },
        pgtyped(this.o.sql),
      ),
    );
    return page(rows, size, "invoices", (last) => [last.period_start.toISOString(), last.id]);
  }

  async getInvoice(invoiceId: string | undefined): Promise<InvoiceRow> {
    const id = uuid(invoiceId, "invoice_id");
    const [row] = await this.db(() => invoicesDb.getInvoice.run({ id }, pgtyped(this.o.sql)));
    if (!row) throw notFound(`invoice ${id} not found`);
    return row;
  }

  closeInvoice(invoiceId: string | undefined): Promise<InvoiceRow> {
    const id = uuid(invoiceId, "invoice_id");
    return this.db(() => this.o.invoicer.closeNow(id));
  }

  async status(): Promise<BillingStatus> {
    const db = pgtyped(this.o.sql);
    const [[figures], [counts], [letters]] = await this.db(() =>
      Promise.all([eventsDb.getConsumerFigures.run({ groupId: this.o.groupId }, db), invoicesDb.countInvoices.run(undefined, db), eventsDb.countPendingDeadLetters.run(undefined, db)]),
    );
    return {
      lagMessages: this.o.consumer.lag.messages,
      lastEventAt: figures?.last_event_at ?? null,
      eventsProcessed: figures?.events_processed ?? 0n,
      accruals: figures?.accruals ?? 0n,
      invoicesOpen: counts?.open ?? 0n,
      invoicesFailed: counts?.failed ?? 0n,
      deadLetters: letters?.pending ?? 0n,
    };
  }

  // ---- plumbing ------------------------------------------------------------------------

  private async db<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toBillingError(error);
    }
  }

  /** A ledger call: its NOT_FOUND is ours, an unreachable ledger is UNAVAILABLE. */
  private async fromLedger<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConnectError && error.code === Code.NotFound) throw new ServiceError("not_found", error.rawMessage, { cause: error });
      if (error instanceof ConnectError && error.code === Code.InvalidArgument) throw new ServiceError("invalid_argument", error.rawMessage, { cause: error });
      if (isTransient(error)) throw new ServiceError("unavailable", `the ledger is unavailable (reading the ${what}); try again`, { cause: error });
      throw new ServiceError("failed_precondition", `the ledger refused reading the ${what}: ${error instanceof ConnectError ? error.rawMessage : String(error)}`, { cause: error });
    }
  }
}

function checkAssignable(account: Account, plan: PlanRow): void {
  if (account.currency !== plan.currency) throw precondition(`account ${account.code} is in ${account.currency}, plan ${plan.name} in ${plan.currency}`);
  if (account.id === plan.revenue_account_id) throw precondition(`account ${account.code} is plan ${plan.name}'s revenue account and cannot be billed by it`);
}
