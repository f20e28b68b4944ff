/** Types generated for queries found in "services/ledger/src/db/transactions.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'FindByIdempotencyKeys' parameters type */
export interface IFindByIdempotencyKeysParams {
  keys: stringArray;
  ledger: string;
}

/** 'FindByIdempotencyKeys' return type */
export interface IFindByIdempotencyKeysResult {
  id: string;
  idempotency_key: string;
  ledger: string;
  request_hash: Buffer | null;
}

/** 'FindByIdempotencyKeys' query type */
export interface IFindByIdempotencyKeysQuery {
  params: IFindByIdempotencyKeysParams;
  result: IFindByIdempotencyKeysResult;
}

const findByIdempotencyKeysIR: any = {"usedParamSet":{"keys":true,"ledger":true},"params":[{"name":"keys","required":true,"transform":{"type":"scalar"},"locs":[{"a":71,"b":76}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":140,"b":147}]}],"statement":"SELECT t.id, t.ledger, t.idempotency_key, t.request_hash\n  FROM unnest(:keys!::text[]) AS k(key)\n  JOIN ledger.transactions t ON t.ledger = :ledger! AND t.idempotency_key = k.key"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id, t.ledger, t.idempotency_key, t.request_hash
 *   FROM unnest(:keys!::text[]) AS k(key)
 *   JOIN ledger.transactions t ON t.ledger = :ledger! AND t.idempotency_key = k.key
 * ```
 */
export const findByIdempotencyKeys = new PreparedQuery<IFindByIdempotencyKeysParams,IFindByIdempotencyKeysResult>(findByIdempotencyKeysIR);


/** 'InsertTransactions' parameters type */
export interface IInsertTransactionsParams {
  actors: stringArray;
  callers: stringArray;
  descriptions: stringArray;
  effectiveAts: stringArray;
  expiresAts: stringArray;
  hashes: stringArray;
  ids: stringArray;
  keys: stringArray;
  kinds: stringArray;
  ledgers: stringArray;
  metadata: stringArray;
  parentIds: stringArray;
  voidReasons: stringArray;
}

/** 'InsertTransactions' return type */
export interface IInsertTransactionsResult {
  created_at: Date;
  id: string;
  seq: bigint;
}

/** 'InsertTransactions' query type */
export interface IInsertTransactionsQuery {
  params: IInsertTransactionsParams;
  result: IInsertTransactionsResult;
}

const insertTransactionsIR: any = {"usedParamSet":{"ids":true,"ledgers":true,"kinds":true,"parentIds":true,"keys":true,"hashes":true,"descriptions":true,"metadata":true,"voidReasons":true,"effectiveAts":true,"expiresAts":true,"callers":true,"actors":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":465,"b":469}]},{"name":"ledgers","required":true,"transform":{"type":"scalar"},"locs":[{"a":480,"b":488}]},{"name":"kinds","required":true,"transform":{"type":"scalar"},"locs":[{"a":499,"b":505}]},{"name":"parentIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":516,"b":526}]},{"name":"keys","required":true,"transform":{"type":"scalar"},"locs":[{"a":537,"b":542}]},{"name":"hashes","required":true,"transform":{"type":"scalar"},"locs":[{"a":567,"b":574}]},{"name":"descriptions","required":true,"transform":{"type":"scalar"},"locs":[{"a":585,"b":598}]},{"name":"metadata","required":true,"transform":{"type":"scalar"},"locs":[{"a":609,"b":618}]},{"name":"voidReasons","required":true,"transform":{"type":"scalar"},"locs":[{"a":629,"b":641}]},{"name":"effectiveAts","required":true,"transform":{"type":"scalar"},"locs":[{"a":666,"b":679}]},{"name":"expiresAts","required":true,"transform":{"type":"scalar"},"locs":[{"a":690,"b":701}]},{"name":"callers","required":true,"transform":{"type":"scalar"},"locs":[{"a":712,"b":720}]},{"name":"actors","required":true,"transform":{"type":"scalar"},"locs":[{"a":731,"b":738}]}],"statement":"INSERT INTO ledger.transactions (id, ledger, kind, parent_id, idempotency_key, request_hash, description,\n                                 metadata, void_reason, effective_at, expires_at, caller, actor)\nSELECT t.id, t.ledger, t.kind, t.parent_id, t.idempotency_key, decode(t.request_hash, 'hex'), t.description,\n       t.metadata::jsonb, t.void_reason, coalesce(t.effective_at::timestamptz, now()), t.expires_at::timestamptz,\n       t.caller, t.actor\n  FROM unnest(:ids!::uuid[], :ledgers!::text[], :kinds!::text[], :parentIds!::uuid[], :keys!::text[],\n              :hashes!::text[], :descriptions!::text[], :metadata!::text[], :voidReasons!::text[],\n              :effectiveAts!::text[], :expiresAts!::text[], :callers!::text[], :actors!::text[])\n       AS t(id, ledger, kind, parent_id, idempotency_key, request_hash, description, metadata, void_reason, effective_at,\n            expires_at, caller, actor)\nON CONFLICT (ledger, idempotency_key) DO NOTHING\nRETURNING id, seq, created_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO ledger.transactions (id, ledger, kind, parent_id, idempotency_key, request_hash, description,
 *                                  metadata, void_reason, effective_at, expires_at, caller, actor)
 * SELECT t.id, t.ledger, t.kind, t.parent_id, t.idempotency_key, decode(t.request_hash, 'hex'), t.description,
 *        t.metadata::jsonb, t.void_reason, coalesce(t.effective_at::timestamptz, now()), t.expires_at::timestamptz,
 *        t.caller, t.actor
 *   FROM unnest(:ids!::uuid[], :ledgers!::text[], :kinds!::text[], :parentIds!::uuid[], :keys!::text[],
 *               :hashes!::text[], :descriptions!::text[], :metadata!::text[], :voidReasons!::text[],
 *               :effectiveAts!::text[], :expiresAts!::text[], :callers!::text[], :actors!::text[])
 *        AS t(id, ledger, kind, parent_id, idempotency_key, request_hash, description, metadata, void_reason, effective_at,
 *             expires_at, caller, actor)
 * ON CONFLICT (ledger, idempotency_key) DO NOTHING
 * RETURNING id, seq, created_at
 * ```
 */
export const insertTransactions = new PreparedQuery<IInsertTransactionsParams,IInsertTransactionsResult>(insertTransactionsIR);


/** 'InsertEntries' parameters type */
export interface IInsertEntriesParams {
  accountIds: stringArray;
  accountVersions: stringArray;
  amounts: stringArray;
  currencies: stringArray;
  directions: stringArray;
  effects: stringArray;
  ledgers: stringArray;
  legs: numberArray;
  pendingCredits: stringArray;
  pendingDebits: stringArray;
  postedCredits: stringArray;
  postedDebits: stringArray;
  transactionIds: stringArray;
}

/** 'InsertEntries' return type */
export type IInsertEntriesResult = void;

/** 'InsertEntries' query type */
export interface IInsertEntriesQuery {
  params: IInsertEntriesParams;
  result: IInsertEntriesResult;
}

const insertEntriesIR: any = {"usedParamSet":{"transactionIds":true,"legs":true,"ledgers":true,"accountIds":true,"currencies":true,"directions":true,"effects":true,"amounts":true,"postedDebits":true,"postedCredits":true,"pendingDebits":true,"pendingCredits":true,"accountVersions":true},"params":[{"name":"transactionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":284,"b":299}]},{"name":"legs","required":true,"transform":{"type":"scalar"},"locs":[{"a":310,"b":315}]},{"name":"ledgers","required":true,"transform":{"type":"scalar"},"locs":[{"a":330,"b":338}]},{"name":"accountIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":349,"b":360}]},{"name":"currencies","required":true,"transform":{"type":"scalar"},"locs":[{"a":385,"b":396}]},{"name":"directions","required":true,"transform":{"type":"scalar"},"locs":[{"a":407,"b":418}]},{"name":"effects","required":true,"transform":{"type":"scalar"},"locs":[{"a":429,"b":437}]},{"name":"amounts","required":true,"transform":{"type":"scalar"},"locs":[{"a":448,"b":456}]},{"name":"postedDebits","required":true,"transform":{"type":"scalar"},"locs":[{"a":484,"b":497}]},{"name":"postedCredits","required":true,"transform":{"type":"scalar"},"locs":[{"a":511,"b":525}]},{"name":"pendingDebits","required":true,"transform":{"type":"scalar"},"locs":[{"a":539,"b":553}]},{"name":"pendingCredits","required":true,"transform":{"type":"scalar"},"locs":[{"a":581,"b":596}]},{"name":"accountVersions","required":true,"transform":{"type":"scalar"},"locs":[{"a":610,"b":626}]}],"statement":"INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount,\n                            posted_debits, posted_credits, pending_debits, pending_credits, account_version)\nSELECT t, l, g, a, c, d, f, m, pd, pc, hd, hc, v::int8\n  FROM unnest(:transactionIds!::uuid[], :legs!::smallint[], :ledgers!::text[], :accountIds!::uuid[],\n              :currencies!::text[], :directions!::text[], :effects!::text[], :amounts!::numeric[],\n              :postedDebits!::numeric[], :postedCredits!::numeric[], :pendingDebits!::numeric[],\n              :pendingCredits!::numeric[], :accountVersions!::text[]) AS x(t, l, g, a, c, d, f, m, pd, pc, hd, hc, v)"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount,
 *                             posted_debits, posted_credits, pending_debits, pending_credits, account_version)
 * SELECT t, l, g, a, c, d, f, m, pd, pc, hd, hc, v::int8
 *   FROM unnest(:transactionIds!::uuid[], :legs!::smallint[], :ledgers!::text[], :accountIds!::uuid[],
 *               :currencies!::text[], :directions!::text[], :effects!::text[], :amounts!::numeric[],
 *               :postedDebits!::numeric[], :postedCredits!::numeric[], :pendingDebits!::numeric[],
 *               :pendingCredits!::numeric[], :accountVersions!::text[]) AS x(t, l, g, a, c, d, f, m, pd, pc, hd, hc, v)
 * ```
 */
export const insertEntries = new PreparedQuery<IInsertEntriesParams,IInsertEntriesResult>(insertEntriesIR);


/** 'GetTransactions' parameters type */
export interface IGetTransactionsParams {
  ids: stringArray;
  ledger: string;
}

/** 'GetTransactions' return type */
export interface IGetTransactionsResult {
  actor: string | null;
  caller: string | null;
  created_at: Date;
  description: string;
  effective_at: Date;
  expires_at: Date | null;
  id: string;
  idempotency_key: string;
  kind: string;
  ledger: string;
  metadata: Json;
  parent_id: string | null;
  resolved_by: string | null;
  resolved_kind: string | null;
  reversed_by: string | null;
  seq: bigint;
  void_reason: string | null;
}

/** 'GetTransactions' query type */
export interface IGetTransactionsQuery {
  params: IGetTransactionsParams;
  result: IGetTransactionsResult;
}

const getTransactionsIR: any = {"usedParamSet":{"ledger":true,"ids":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":480,"b":487}]},{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":504,"b":508}]}],"statement":"SELECT t.id, t.seq, t.ledger, t.kind, t.parent_id, t.idempotency_key, t.description, t.metadata, t.void_reason,\n       t.effective_at, t.expires_at, t.created_at, t.caller, t.actor,\n       r.id AS \"resolved_by?\", r.kind AS \"resolved_kind?\", v.id AS \"reversed_by?\"\n  FROM ledger.transactions t\n  LEFT JOIN ledger.transactions r ON r.parent_id = t.id AND r.kind IN ('commit', 'void')\n  LEFT JOIN ledger.transactions v ON v.parent_id = t.id AND v.kind = 'reversal'\n WHERE t.ledger = :ledger! AND t.id = ANY(:ids!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id, t.seq, t.ledger, t.kind, t.parent_id, t.idempotency_key, t.description, t.metadata, t.void_reason,
 *        t.effective_at, t.expires_at, t.created_at, t.caller, t.actor,
 *        r.id AS "resolved_by?", r.kind AS "resolved_kind?", v.id AS "reversed_by?"
 *   FROM ledger.transactions t
 *   LEFT JOIN ledger.transactions r ON r.parent_id = t.id AND r.kind IN ('commit', 'void')
 *   LEFT JOIN ledger.transactions v ON v.parent_id = t.id AND v.kind = 'reversal'
 *  WHERE t.ledger = :ledger! AND t.id = ANY(:ids!::uuid[])
 * ```
 */
export const getTransactions = new PreparedQuery<IGetTransactionsParams,IGetTransactionsResult>(getTransactionsIR);


/** 'GetEntries' parameters type */
export interface IGetEntriesParams {
  transactionIds: stringArray;
}

/** 'GetEntries' return type */
export interface IGetEntriesResult {
  account_code: string;
  account_id: string;
  amount: string;
  currency: string;
  direction: string;
  effect: string;
  leg: number;
  transaction_id: string;
}

/** 'GetEntries' query type */
export interface IGetEntriesQuery {
  params: IGetEntriesParams;
  result: IGetEntriesResult;
}

const getEntriesIR: any = {"usedParamSet":{"transactionIds":true},"params":[{"name":"transactionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":214,"b":229}]}],"statement":"SELECT e.transaction_id, e.leg, e.account_id, a.code AS account_code, e.currency, e.direction, e.effect, e.amount\n  FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id\n WHERE e.transaction_id = ANY(:transactionIds!::uuid[])\n ORDER BY e.transaction_id, e.leg"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.transaction_id, e.leg, e.account_id, a.code AS account_code, e.currency, e.direction, e.effect, e.amount
 *   FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id
 *  WHERE e.transaction_id = ANY(:transactionIds!::uuid[])
 *  ORDER BY e.transaction_id, e.leg
 * ```
 */
export const getEntries = new PreparedQuery<IGetEntriesParams,IGetEntriesResult>(getEntriesIR);


/** 'ListTransactionIds' parameters type */
export interface IListTransactionIdsParams {
  beforeSeq?: bigint | null | void;
  createdAfter?: DateOrString | null | void;
  createdBefore?: DateOrString | null | void;
  ledger: string;
  limit: bigint;
  metadata?: Json | null | void;
}

/** 'ListTransactionIds' return type */
export interface IListTransactionIdsResult {
  id: string;
  seq: bigint;
}

/** 'ListTransactionIds' query type */
export interface IListTransactionIdsQuery {
  params: IListTransactionIdsParams;
  result: IListTransactionIdsResult;
}

const listTransactionIdsIR: any = {"usedParamSet":{"ledger":true,"createdAfter":true,"createdBefore":true,"metadata":true,"beforeSeq":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":64,"b":71}]},{"name":"createdAfter","required":false,"transform":{"type":"scalar"},"locs":[{"a":81,"b":93},{"a":135,"b":147}]},{"name":"createdBefore","required":false,"transform":{"type":"scalar"},"locs":[{"a":158,"b":171},{"a":212,"b":225}]},{"name":"metadata","required":false,"transform":{"type":"scalar"},"locs":[{"a":236,"b":244},{"a":278,"b":286}]},{"name":"beforeSeq","required":false,"transform":{"type":"scalar"},"locs":[{"a":297,"b":306},{"a":333,"b":342}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":373,"b":379}]}],"statement":"SELECT t.id, t.seq FROM ledger.transactions t\n WHERE t.ledger = :ledger!\n   AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)\n   AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)\n   AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)\n   AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)\n ORDER BY t.seq DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id, t.seq FROM ledger.transactions t
 *  WHERE t.ledger = :ledger!
 *    AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
 *    AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
 *    AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
 *    AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)
 *  ORDER BY t.seq DESC
 *  LIMIT :limit!
 * ```
 */
export const listTransactionIds = new PreparedQuery<IListTransactionIdsParams,IListTransactionIdsResult>(listTransactionIdsIR);


/** 'ListAccountTransactionIds' parameters type */
export interface IListAccountTransactionIdsParams {
  accountId: string;
  beforeSeq?: bigint | null | void;
  createdAfter?: DateOrString | null | void;
  createdBefore?: DateOrString | null | void;
  ledger: string;
  limit: bigint;
  metadata?: Json | null | void;
}

/** 'ListAccountTransactionIds' return type */
export interface IListAccountTransactionIdsResult {
  id: string;
  seq: bigint;
}

/** 'ListAccountTransactionIds' query type */
export interface IListAccountTransactionIdsQuery {
  params: IListAccountTransactionIdsParams;
  result: IListAccountTransactionIdsResult;
}

const listAccountTransactionIdsIR: any = {"usedParamSet":{"accountId":true,"ledger":true,"createdAfter":true,"createdBefore":true,"metadata":true,"beforeSeq":true,"limit":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":132}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":275,"b":282}]},{"name":"createdAfter","required":false,"transform":{"type":"scalar"},"locs":[{"a":299,"b":311},{"a":353,"b":365}]},{"name":"createdBefore","required":false,"transform":{"type":"scalar"},"locs":[{"a":383,"b":396},{"a":437,"b":450}]},{"name":"metadata","required":false,"transform":{"type":"scalar"},"locs":[{"a":468,"b":476},{"a":510,"b":518}]},{"name":"beforeSeq","required":false,"transform":{"type":"scalar"},"locs":[{"a":536,"b":545},{"a":572,"b":581}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":615,"b":621}]}],"statement":"SELECT t.id AS \"id!\", t.seq AS \"seq!\"\n  FROM (SELECT DISTINCT e.transaction_id FROM ledger.entries e WHERE e.account_id = :accountId!) m\n CROSS JOIN LATERAL (\n       SELECT t.id, t.seq FROM ledger.transactions t\n        WHERE t.id = m.transaction_id\n          AND t.ledger = :ledger!\n          AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)\n          AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)\n          AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)\n          AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)) t\n ORDER BY t.seq DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id AS "id!", t.seq AS "seq!"
 *   FROM (SELECT DISTINCT e.transaction_id FROM ledger.entries e WHERE e.account_id = :accountId!) m
 *  CROSS JOIN LATERAL (
 *        SELECT t.id, t.seq FROM ledger.transactions t
 *         WHERE t.id = m.transaction_id
 *           AND t.ledger = :ledger!
 *           AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
 *           AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
 *           AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
 *           AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)) t
 *  ORDER BY t.seq DESC
 *  LIMIT :limit!
 * ```
 */
export const listAccountTransactionIds = new PreparedQuery<IListAccountTransactionIdsParams,IListAccountTransactionIdsResult>(listAccountTransactionIdsIR);


/** 'LockPendingTransaction' parameters type */
export interface ILockPendingTransactionParams {
  id: string;
  ledger: string;
}

/** 'LockPendingTransaction' return type */
export interface ILockPendingTransactionResult {
  expires_at: Date | null;
  id: string;
  kind: string;
  ledger: string;
  open_hold: string | null;
}

/** 'LockPendingTransaction' query type */
export interface ILockPendingTransactionQuery {
  params: ILockPendingTransactionParams;
  result: ILockPendingTransactionResult;
}

const lockPendingTransactionIR: any = {"usedParamSet":{"ledger":true,"id":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":135,"b":142}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":145,"b":148}]}],"statement":"SELECT id AS \"id!\", ledger AS \"ledger!\", kind AS \"kind!\", expires_at, open_hold AS \"open_hold?\"\n  FROM ledger.lock_pending_transaction(:ledger!, :id!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id AS "id!", ledger AS "ledger!", kind AS "kind!", expires_at, open_hold AS "open_hold?"
 *   FROM ledger.lock_pending_transaction(:ledger!, :id!)
 * ```
 */
export const lockPendingTransaction = new PreparedQuery<ILockPendingTransactionParams,ILockPendingTransactionResult>(lockPendingTransactionIR);


/** 'ExpiredHolds' parameters type */
export interface IExpiredHoldsParams {
  limit: number;
}

/** 'ExpiredHolds' return type */
export interface IExpiredHoldsResult {
  ledger: string;
  transaction_id: string;
}

/** 'ExpiredHolds' query type */
export interface IExpiredHoldsQuery {
  params: IExpiredHoldsParams;
  result: IExpiredHoldsResult;
}

const expiredHoldsIR: any = {"usedParamSet":{"limit":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":96,"b":102}]}],"statement":"SELECT transaction_id AS \"transaction_id!\", ledger AS \"ledger!\" FROM ledger.claim_expired_holds(:limit!::int)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT transaction_id AS "transaction_id!", ledger AS "ledger!" FROM ledger.claim_expired_holds(:limit!::int)
 * ```
 */
export const expiredHolds = new PreparedQuery<IExpiredHoldsParams,IExpiredHoldsResult>(expiredHoldsIR);


