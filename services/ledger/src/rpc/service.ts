// LedgerService handlers: thin — validate the wire shape, call the ledger, convert back.
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { type LedgerService, BatchMode } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { create } from "@bufbuild/protobuf";
import { TransactionErrorSchema, InsufficientFundsSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { Ledger } from "../ledger.ts";
import { accountMessage, balanceMessage, date, postInput, toNormal, transactionMessage } from "./convert.ts";
import { invalid } from "../domain/errors.ts";
import type { Author } from "../domain/posting.ts";
import { ACTOR_HEADER, callerKey } from "@ledgerflow/platform/rpc";

const ACTOR_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;

/** The authenticated caller, and who it acts for (the x-ledgerflow-actor header). */
export function authorOf(ctx: HandlerContext): Author {
  const actor = ctx.requestHeader.get(ACTOR_HEADER);
  if (actor !== null && !ACTOR_PATTERN.test(actor)) throw invalid(ACTOR_HEADER, "must be 1-256 printable ASCII characters without leading or trailing spaces");
  return { caller: ctx.values.get(callerKey), actor: actor || null };
}

const deadlineOf = (ctx: HandlerContext) => {
  const ms = ctx.timeoutMs();
  return ms === undefined ? undefined : Date.now() + ms;
};

/** The one implementation of LedgerService, served as gRPC, Connect, gRPC-Web and REST. */
export function ledgerHandlers(ledger: Ledger): ServiceImpl<typeof LedgerService> {
  return {
    async createAccount(req) {
      const account = await ledger.createAccount({
        ledger: req.ledger,
        code: req.code,
        currency: req.currency,
        normalBalance: toNormal(req.normalBalance),
        allowOverdraft: req.allowOverdraft,
        overdraftLimit: req.overdraftLimit,
        metadata: req.metadata,
      });
      return { account: accountMessage(account) };
    },
    async getAccount(req) {
      return { account: accountMessage(await ledger.getAccount({ ledger: req.ledger, accountId: req.accountId || undefined, accountCode: req.accountCode || undefined })) };
    },
    async listAccounts(req) {
      const page = await ledger.listAccounts({ ledger: req.ledger, currency: req.currency, codePrefix: req.codePrefix, metadata: req.metadata, pageSize: req.pageSize, pageToken: req.pageToken });
      return { accounts: page.accounts.map(accountMessage), nextPageToken: page.nextPageToken };
    },
    async updateAccountPolicy(req) {
      const account = await ledger.updateAccountPolicy({
        ledger: req.ledger,
        accountId: req.accountId,
        allowOverdraft: req.allowOverdraft,
        overdraftLimit: req.overdraftLimit,
        clearOverdraftLimit: req.clearOverdraftLimit,
        metadata: req.metadata?.values,
      });
      return { account: accountMessage(account) };
    },
    async postTransaction(req, ctx) {
      const result = await ledger.post(postInput(req, authorOf(ctx)), deadlineOf(ctx));
      return { transaction: transactionMessage(result.transaction), replayed: result.replayed };
    },
    async postTransactions(req, ctx) {
      if (req.mode === BatchMode.UNSPECIFIED) throw invalid("mode", "must be BATCH_MODE_ATOMIC or BATCH_MODE_INDEPENDENT");
      const author = authorOf(ctx);
      const results = await ledger.postBatch(
        req.transactions.map((t) => postInput(t, author)),
        req.mode === BatchMode.ATOMIC,
        deadlineOf(ctx),
      );
      return {
        results: results.map((r) =>
          "error" in r
            ? {
                error: create(TransactionErrorSchema, {
                  code: r.error.code,
                  message: r.error.message,
                  field: r.error.field ?? "",
                  insufficientFunds: r.error.insufficientFunds ? create(InsufficientFundsSchema, r.error.insufficientFunds) : undefined,
                }),
              }
            : { transaction: transactionMessage(r.transaction), replayed: r.replayed },
        ),
      };
    },
    async commitTransaction(req, ctx) {
      const r = await ledger.commit({ ledger: req.ledger, transactionId: req.transactionId, amounts: req.amounts.map((a) => ({ leg: a.leg, amount: a.amount })), idempotencyKey: req.idempotencyKey || undefined, author: authorOf(ctx) });
      return { transaction: transactionMessage(r.transaction), commit: transactionMessage(r.child) };
    },
    async voidTransaction(req, ctx) {
      const r = await ledger.void({ ledger: req.ledger, transactionId: req.transactionId, idempotencyKey: req.idempotencyKey || undefined, author: authorOf(ctx) });
      return { transaction: transactionMessage(r.transaction), void: transactionMessage(r.child) };
    },
    async reverseTransaction(req, ctx) {
      const r = await ledger.reverse({ ledger: req.ledger, transactionId: req.transactionId, idempotencyKey: req.idempotencyKey || undefined, description: req.description || undefined, metadata: req.metadata, author: authorOf(ctx) });
      return { transaction: transactionMessage(r.transaction), reversal: transactionMessage(r.child) };
    },
    async getTransaction(req) {
      return { transaction: transactionMessage(await ledger.getTransaction({ ledger: req.ledger, transactionId: req.transactionId })) };
    },
    async listTransactions(req) {
      const page = await ledger.listTransactions({
        ledger: req.ledger,
        accountId: req.accountId || undefined,
        createdAfter: date(req.createdAfter),
        createdBefore: date(req.createdBefore),
        metadata: req.metadata,
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { transactions: page.transactions.map(transactionMessage), nextPageToken: page.nextPageToken };
    },
    async listCurrencies() {
      return { currencies: (await ledger.listCurrencies()).map((c) => ({ code: c.code, scale: c.scale })) };
    },
    async getBalance(req) {
      return { balance: balanceMessage(await ledger.getBalance({ ledger: req.ledger, accountId: req.accountId, asOf: date(req.asOf) })) };
    },
  };
}
