// Transactions: the searchable feed from the read model; one transaction (and the ones linked
// to it) from the ledger with the events the read model applied for them; postings, commits,
// voids and reversals through the ledger, on the signed-in operator's behalf.
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { callOptions } from "../../clients/resilient.ts";
import * as readDb from "../../db/read.queries.ts";
import { queryInLedgers } from "../../db/scope.ts";
import { ledgersOf, who } from "../context.ts";
import { KINDS, STATUSES } from "@ledgerflow/platform/wire";
import { transactionFromRead, ts } from "../convert.ts";
import type { Deps } from "../deps.ts";
import { decodePageToken, encodePageToken, pageSize, POSITION } from "@ledgerflow/platform/paging";
import { amount, containsPattern, invalid, ledgerName, optionalUuid, uuid } from "../validate.ts";

type Impl = Partial<ServiceImpl<typeof admin.AdminService>>;
const METADATA_FILTER_KEYS_MAX = 16;

export function transactionHandlers(d: Deps): Impl {
  const opts = (ctx: Parameters<NonNullable<Impl["getTransaction"]>>[1]) => callOptions(who(ctx), d.backendTimeoutMs);
  return {
    async searchTransactions(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const size = pageSize(req.pageSize);
      const min = amount(req.minAmount, "min_amount");
      const max = amount(req.maxAmount, "max_amount");
      if (min !== null && max !== null && BigInt(min) > BigInt(max)) throw invalid("min_amount", "must not be above max_amount");
      if (Object.keys(req.metadata).length > METADATA_FILTER_KEYS_MAX) throw invalid("metadata", `at most ${METADATA_FILTER_KEYS_MAX} pairs`);
      const after = decodePageToken("transactions", req.pageToken, [POSITION.sequence]);
      const { rows, page, legs } = await queryInLedgers(d.readSql, ledgersOf(ctx), async (db) => {
        const accountId = optionalUuid(req.accountId, "account_id");
        const filter = {
          ledger,
          createdAfter: req.createdAfter ? timestampDate(req.createdAfter) : null,
          createdBefore: req.createdBefore ? timestampDate(req.createdBefore) : null,
          metadata: Object.keys(req.metadata).length > 0 ? req.metadata : null,
          minAmount: min,
          maxAmount: max,
          status: STATUSES.fromApi(req.status) ?? null,
          type: KINDS.fromApi(req.type) ?? null,
          query: req.query || null,
          queryPattern: containsPattern(req.query),
          beforeSequence: after ? BigInt(after[0]!) : null,
          limit: BigInt(size + 1),
        };
        // By account: from the account's legs (their index), so a page costs what the account's
        // history costs, not a walk of the whole ledger.
        const rows = accountId ? await readDb.searchReadAccountTransactions.run({ ...filter, accountId }, db) : await readDb.searchReadTransactions.run(filter, db);
        const page = rows.slice(0, size);
        const legs = page.length > 0 ? await readDb.listReadLegs.run({ transactionIds: page.map((r) => r.transaction_id) }, db) : [];
        return { rows, page, legs };
      });
      return {
        transactions: page.map((t) =>
          transactionFromRead(
            t,
            legs.filter((l) => l.transaction_id === t.transaction_id),
          ),
        ),
        nextPageToken: rows.length > size ? encodePageToken("transactions", [String(page[page.length - 1]!.sequence)]) : "",
      };
    },

    async getTransaction(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const { transaction } = await d.ledger.client.getTransaction({ ledger, transactionId: uuid(req.transactionId, "transaction_id") }, opts(ctx));
      const t = transaction!;
      const linkedIds = [t.parentTransactionId, t.resolvedByTransactionId, t.reversedByTransactionId].filter((id) => id !== "");
      const related: Transaction[] = [];
      for (const id of linkedIds) related.push((await d.ledger.client.getTransaction({ ledger, transactionId: id }, opts(ctx))).transaction!);
      // A transaction's event id is the transaction id: the events of it and its relatives.
      const events = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) => readDb.listProcessedEvents.run({ eventIds: [t.id, ...linkedIds] }, db));
      return {
        transaction: t,
        related,
        events: events.map((e) => ({ eventId: e.event_id, eventType: e.event_type, transactionId: e.event_id, processedAt: ts(e.processed_at) })),
      };
    },

    async postTransaction(req, ctx) {
      const res = await d.ledger.client.postTransaction(
        {
          ledger: ledgerName(req.ledger),
          idempotencyKey: req.idempotencyKey,
          entries: req.entries,
          pending: req.pending,
          expiresAt: req.expiresAt,
          description: req.description,
          metadata: req.metadata,
        },
        opts(ctx),
      );
      return { transaction: res.transaction, replayed: res.replayed };
    },

    async commitTransaction(req, ctx) {
      const res = await d.ledger.client.commitTransaction(
        {
          ledger: ledgerName(req.ledger),
          transactionId: uuid(req.transactionId, "transaction_id"),
          amounts: req.amounts,
          idempotencyKey: req.idempotencyKey,
        },
        opts(ctx),
      );
      return { transaction: res.transaction, commit: res.commit };
    },

    async voidTransaction(req, ctx) {
      const res = await d.ledger.client.voidTransaction({ ledger: ledgerName(req.ledger), transactionId: uuid(req.transactionId, "transaction_id"), idempotencyKey: req.idempotencyKey }, opts(ctx));
      return { transaction: res.transaction, void: res.void };
    },

    async reverseTransaction(req, ctx) {
      const res = await d.ledger.client.reverseTransaction(
        {
          ledger: ledgerName(req.ledger),
          transactionId: uuid(req.transactionId, "transaction_id"),
          idempotencyKey: req.idempotencyKey,
          description: req.description,
        },
        opts(ctx),
      );
      return { transaction: res.transaction, reversal: res.reversal };
    },
  };
}
