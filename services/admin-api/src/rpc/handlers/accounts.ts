// Accounts: lists and searches from the read model, one account and its point-in-time balances
// from the ledger (authoritative), and account changes through the ledger.
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { callOptions } from "../../clients/resilient.ts";
import * as readDb from "../../db/read.queries.ts";
import { queryInLedgers } from "../../db/scope.ts";
import { ledgersOf, who } from "../context.ts";
import { DIRECTIONS, EFFECTS, KINDS, STATUSES } from "@ledgerflow/platform/wire";
import { accountFromLedger, accountFromRead, transactionFromRead, ts } from "../convert.ts";
import type { Deps } from "../deps.ts";
import { decodePageToken, encodePageToken, pageSize, POSITION } from "@ledgerflow/platform/paging";
import { containsPattern, invalid, ledgerName, uuid } from "../validate.ts";

type Impl = Partial<ServiceImpl<typeof admin.AdminService>>;

const VOLUME_DAYS_DEFAULT = 30;
const VOLUME_DAYS_MAX = 366;
const DAY_MS = 86_400_000;
const HISTORY_POINTS_DEFAULT = 30;
const HISTORY_POINTS_MAX = 100;
/** The account's billing plan is extra information: it may not hold the page up for long. */
const OPTIONAL_CALL_TIMEOUT_MS = 1_000;
/** Point-in-time balance calls in flight at once for one history. */
const HISTORY_CONCURRENCY = 8;

export function accountHandlers(d: Deps): Impl {
  const opts = (ctx: Parameters<NonNullable<Impl["getAccount"]>>[1]) => callOptions(who(ctx), d.backendTimeoutMs);
  return {
    async listCurrencies() {
      const scales = await d.currencies.scales();
      return { currencies: [...scales].map(([code, scale]) => ({ code, scale })) };
    },

    async listAccounts(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const size = pageSize(req.pageSize);
      if (req.currency && !/^[A-Z][A-Z0-9]{2,9}$/.test(req.currency)) throw invalid("currency", "must be a currency code such as USD");
      const after = decodePageToken("accounts", req.pageToken, [POSITION.text]);
      const rows = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) =>
        readDb.listReadAccounts.run(
          {
            ledger,
            currency: req.currency || null,
            pattern: containsPattern(req.query),
            afterCode: after?.[0] ?? null,
            limit: BigInt(size + 1),
          },
          db,
        ),
      );
      const page = rows.slice(0, size);
      const scales = await d.currencies.scales();
      return {
        accounts: page.map((r) => accountFromRead(r, scales.get(r.currency) ?? 0)),
        nextPageToken: rows.length > size ? encodePageToken("accounts", [page[page.length - 1]!.code]) : "",
      };
    },

    async getAccount(req, ctx) {
      const ledger = ledgerName(req.ledger);
      if (!req.accountId && !req.accountCode) throw invalid("account_id", "an account id or an account code is required");
      const byId = req.accountId ? uuid(req.accountId, "account_id") : undefined;
      // The plan is extra: the account page works while billing is down.
      const planOf = (accountId: string) =>
        d.billing.client.listAssignments({ ledger, accountId, pageSize: 1 }, { ...opts(ctx), timeoutMs: OPTIONAL_CALL_TIMEOUT_MS }).then(
          (r) => r.assignments[0],
          () => undefined,
        );
      // With the id the two calls go together; by code the plan waits for the ledger's id.
      const [{ account }, knownPlan] = await Promise.all([d.ledger.client.getAccount(byId ? { ledger, accountId: byId } : { ledger, accountCode: req.accountCode }, opts(ctx)), byId ? planOf(byId) : Promise.resolve(undefined)]);
      const billing = byId ? knownPlan : await planOf(account!.id);
      return { account: accountFromLedger(account!, await d.currencies.scale(account!.currency)), billing };
    },

    async getBalanceHistory(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const accountId = uuid(req.accountId, "account_id");
      const points = req.points === 0 ? HISTORY_POINTS_DEFAULT : req.points;
      if (points < 2 || points > HISTORY_POINTS_MAX) throw invalid("points", `must be between 2 and ${HISTORY_POINTS_MAX}`);
      const { account } = await d.ledger.client.getAccount({ ledger, accountId }, opts(ctx));
      const to = req.to ? timestampDate(req.to) : new Date();
      const from = req.from ? timestampDate(req.from) : account!.createdAt ? timestampDate(account!.createdAt) : new Date(to.getTime() - 24 * 3600_000);
      if (from.getTime() >= to.getTime()) throw invalid("from", "must be before to");
      const step = (to.getTime() - from.getTime()) / (points - 1);
      const instants = Array.from({ length: points }, (_, i) => new Date(Math.round(from.getTime() + i * step)));
      const balances = await mapLimited(instants, HISTORY_CONCURRENCY, async (at) => {
        const { balance } = await d.ledger.client.getBalance({ ledger, accountId, asOf: ts(at) }, opts(ctx));
        return { at: ts(at), posted: balance!.posted, pending: balance!.pending, available: balance!.available };
      });
      return { currency: account!.currency, scale: await d.currencies.scale(account!.currency), points: balances };
    },

    async listAccountEntries(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const accountId = uuid(req.accountId, "account_id");
      const size = pageSize(req.pageSize);
      const after = decodePageToken("entries", req.pageToken, [POSITION.sequence, /^\d{1,9}$/]);
      const rows = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) =>
        readDb.listReadAccountEntries.run(
          {
            ledger,
            accountId,
            beforeSequence: after ? BigInt(after[0]!) : null,
            beforeLeg: after ? Number(after[1]) : null,
            limit: BigInt(size + 1),
          },
          db,
        ),
      );
      const page = rows.slice(0, size);
      const last = page[page.length - 1];
      return {
        entries: page.map((r) => ({
          transactionId: r.transaction_id,
          leg: r.leg,
          direction: DIRECTIONS.apiOf(r.direction),
          effect: EFFECTS.apiOf(r.effect),
          amount: r.amount,
          currency: r.currency,
          transactionType: KINDS.apiOf(r.type),
          transactionStatus: STATUSES.apiOf(r.status),
          description: r.description,
          createdAt: ts(r.created_at),
        })),
        nextPageToken: rows.length > size && last ? encodePageToken("entries", [String(last.sequence), String(last.leg)]) : "",
      };
    },

    async getTransactionVolumes(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const days = req.days === 0 ? VOLUME_DAYS_DEFAULT : req.days;
      if (days < 1 || days > VOLUME_DAYS_MAX) throw invalid("days", `must be between 1 and ${VOLUME_DAYS_MAX}`);
      const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
      const period = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
      const rows = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) => readDb.listDailyVolumes.run({ ledger, fromDay: period[0]! }, db));
      const byCurrency = new Map<string, Map<string, { volume: string; transactions: bigint }>>();
      for (const r of rows) {
        if (r.day > period[period.length - 1]!) continue; // effective dates ahead of today
        const known = byCurrency.get(r.currency) ?? new Map();
        known.set(r.day, { volume: r.volume, transactions: BigInt(r.transactions) });
        byCurrency.set(r.currency, known);
      }
      const scales = await d.currencies.scales();
      return {
        currencies: [...byCurrency].map(([currency, known]) => ({
          currency,
          scale: scales.get(currency) ?? 0,
          days: period.map((day) => ({ day, volume: known.get(day)?.volume ?? "0", transactions: known.get(day)?.transactions ?? 0n })),
        })),
      };
    },

    async listAccountHolds(req, ctx) {
      const ledger = ledgerName(req.ledger);
      const accountId = uuid(req.accountId, "account_id");
      const size = pageSize(req.pageSize);
      const after = decodePageToken("holds", req.pageToken, [POSITION.sequence]);
      const { rows, page, legs } = await queryInLedgers(d.readSql, ledgersOf(ctx), async (db) => {
        const rows = await readDb.listReadAccountHolds.run({ ledger, accountId, beforeSequence: after ? BigInt(after[0]!) : null, limit: BigInt(size + 1) }, db);
        const page = rows.slice(0, size);
        const legs = page.length > 0 ? await readDb.listReadLegs.run({ transactionIds: page.map((r) => r.transaction_id) }, db) : [];
        return { rows, page, legs };
      });
      return {
        holds: page.map((t) =>
          transactionFromRead(
            t,
            legs.filter((l) => l.transaction_id === t.transaction_id),
          ),
        ),
        nextPageToken: rows.length > size ? encodePageToken("holds", [String(page[page.length - 1]!.sequence)]) : "",
      };
    },

    async createAccount(req, ctx) {
      const { account } = await d.ledger.client.createAccount(
        {
          ledger: ledgerName(req.ledger),
          code: req.code,
          currency: req.currency,
          normalBalance: req.normalBalance,
          allowOverdraft: req.allowOverdraft,
          overdraftLimit: req.overdraftLimit,
          metadata: req.metadata,
        },
        opts(ctx),
      );
      return { account: accountFromLedger(account!, await d.currencies.scale(account!.currency)) };
    },

    async updateAccountPolicy(req, ctx) {
      const { account } = await d.ledger.client.updateAccountPolicy(
        {
          ledger: ledgerName(req.ledger),
          accountId: uuid(req.accountId, "account_id"),
          allowOverdraft: req.allowOverdraft,
          overdraftLimit: req.overdraftLimit,
          clearOverdraftLimit: req.clearOverdraftLimit,
          metadata: req.metadata,
        },
        opts(ctx),
      );
      return { account: accountFromLedger(account!, await d.currencies.scale(account!.currency)) };
    },
  };
}

/** Maps with at most `limit` calls in flight, keeping the order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
