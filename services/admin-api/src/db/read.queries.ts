/** Types generated for queries found in "services/admin-api/src/db/read.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type stringArray = (string)[];

/** 'ListReadAccounts' parameters type */
export interface IListReadAccountsParams {
  afterCode?: string | null | void;
  currency?: string | null | void;
  ledger: string;
  limit: bigint;
  pattern?: string | null | void;
}

/** 'ListReadAccounts' return type */
export interface IListReadAccountsResult {
  account_id: string;
  allow_overdraft: boolean;
  code: string;
  created_at: Date | null;
  currency: string;
  ledger: string;
  metadata: Json;
  normal_balance: string;
  overdraft_limit: string | null;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
  updated_at: Date | null;
  version: bigint;
}

/** 'ListReadAccounts' query type */
export interface IListReadAccountsQuery {
  params: IListReadAccountsParams;
  result: IListReadAccountsResult;
}

const listReadAccountsIR: any = {"usedParamSet":{"ledger":true,"currency":true,"pattern":true,"afterCode":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":243,"b":250}]},{"name":"currency","required":false,"transform":{"type":"scalar"},"locs":[{"a":260,"b":268},{"a":298,"b":306}]},{"name":"pattern","required":false,"transform":{"type":"scalar"},"locs":[{"a":317,"b":324},{"a":354,"b":361}]},{"name":"afterCode","required":false,"transform":{"type":"scalar"},"locs":[{"a":372,"b":381},{"a":407,"b":416}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":441,"b":447}]}],"statement":"SELECT account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata,\n       posted_debits, posted_credits, pending_debits, pending_credits, version, created_at, updated_at\n  FROM read.accounts\n WHERE ledger = :ledger!\n   AND (:currency::text IS NULL OR currency = :currency)\n   AND (:pattern::text IS NULL OR code ILIKE :pattern)\n   AND (:afterCode::text IS NULL OR code > :afterCode)\n ORDER BY code\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata,
 *        posted_debits, posted_credits, pending_debits, pending_credits, version, created_at, updated_at
 *   FROM read.accounts
 *  WHERE ledger = :ledger!
 *    AND (:currency::text IS NULL OR currency = :currency)
 *    AND (:pattern::text IS NULL OR code ILIKE :pattern)
 *    AND (:afterCode::text IS NULL OR code > :afterCode)
 *  ORDER BY code
 *  LIMIT :limit!
 * ```
 */
export const listReadAccounts = new PreparedQuery<IListReadAccountsParams,IListReadAccountsResult>(listReadAccountsIR);


/** 'SearchReadTransactions' parameters type */
export interface ISearchReadTransactionsParams {
  beforeSequence?: bigint | null | void;
  createdAfter?: DateOrString | null | void;
  createdBefore?: DateOrString | null | void;
  ledger: string;
  limit: bigint;
  maxAmount?: string | null | void;
  metadata?: Json | null | void;
  minAmount?: string | null | void;
  query?: string | null | void;
  queryPattern?: string | null | void;
  status?: string | null | void;
  type?: string | null | void;
}

/** 'SearchReadTransactions' return type */
export interface ISearchReadTransactionsResult {
  actor: string | null;
  caller: string | null;
  created_at: Date;
  currencies: stringArray;
  description: string;
  effective_at: Date;
  expires_at: Date | null;
  idempotency_key: string;
  ledger: string;
  metadata: Json;
  parent_id: string | null;
  sequence: bigint;
  status: string;
  total: string;
  transaction_id: string;
  type: string;
}

/** 'SearchReadTransactions' query type */
export interface ISearchReadTransactionsQuery {
  params: ISearchReadTransactionsParams;
  result: ISearchReadTransactionsResult;
}

const searchReadTransactionsIR: any = {"usedParamSet":{"ledger":true,"createdAfter":true,"createdBefore":true,"metadata":true,"minAmount":true,"maxAmount":true,"status":true,"type":true,"query":true,"queryPattern":true,"beforeSequence":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":229,"b":236}]},{"name":"createdAfter","required":false,"transform":{"type":"scalar"},"locs":[{"a":246,"b":258},{"a":300,"b":312}]},{"name":"createdBefore","required":false,"transform":{"type":"scalar"},"locs":[{"a":323,"b":336},{"a":377,"b":390}]},{"name":"metadata","required":false,"transform":{"type":"scalar"},"locs":[{"a":401,"b":409},{"a":443,"b":451}]},{"name":"minAmount","required":false,"transform":{"type":"scalar"},"locs":[{"a":462,"b":471},{"a":504,"b":513}]},{"name":"maxAmount","required":false,"transform":{"type":"scalar"},"locs":[{"a":524,"b":533},{"a":566,"b":575}]},{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":586,"b":592},{"a":622,"b":628}]},{"name":"type","required":false,"transform":{"type":"scalar"},"locs":[{"a":639,"b":643},{"a":671,"b":675}]},{"name":"query","required":false,"transform":{"type":"scalar"},"locs":[{"a":686,"b":691},{"a":741,"b":746},{"a":772,"b":777}]},{"name":"queryPattern","required":false,"transform":{"type":"scalar"},"locs":[{"a":802,"b":814}]},{"name":"beforeSequence","required":false,"transform":{"type":"scalar"},"locs":[{"a":825,"b":839},{"a":871,"b":885}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":921,"b":927}]}],"statement":"SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,\n       currencies, effective_at, created_at, caller, actor, expires_at\n  FROM read.transactions t\n WHERE t.ledger = :ledger!\n   AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)\n   AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)\n   AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)\n   AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)\n   AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)\n   AND (:status::text IS NULL OR t.status = :status)\n   AND (:type::text IS NULL OR t.type = :type)\n   AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)\n   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)\n ORDER BY t.sequence DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,
 *        currencies, effective_at, created_at, caller, actor, expires_at
 *   FROM read.transactions t
 *  WHERE t.ledger = :ledger!
 *    AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
 *    AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
 *    AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
 *    AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)
 *    AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)
 *    AND (:status::text IS NULL OR t.status = :status)
 *    AND (:type::text IS NULL OR t.type = :type)
 *    AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)
 *    AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)
 *  ORDER BY t.sequence DESC
 *  LIMIT :limit!
 * ```
 */
export const searchReadTransactions = new PreparedQuery<ISearchReadTransactionsParams,ISearchReadTransactionsResult>(searchReadTransactionsIR);


/** 'SearchReadAccountTransactions' parameters type */
export interface ISearchReadAccountTransactionsParams {
  accountId: string;
  beforeSequence?: bigint | null | void;
  createdAfter?: DateOrString | null | void;
  createdBefore?: DateOrString | null | void;
  ledger: string;
  limit: bigint;
  maxAmount?: string | null | void;
  metadata?: Json | null | void;
  minAmount?: string | null | void;
  query?: string | null | void;
  queryPattern?: string | null | void;
  status?: string | null | void;
  type?: string | null | void;
}

/** 'SearchReadAccountTransactions' return type */
export interface ISearchReadAccountTransactionsResult {
  actor: string | null;
  caller: string | null;
  created_at: Date;
  currencies: stringArray;
  description: string;
  effective_at: Date;
  expires_at: Date | null;
  idempotency_key: string;
  ledger: string;
  metadata: Json;
  parent_id: string | null;
  sequence: bigint;
  status: string;
  total: string;
  transaction_id: string;
  type: string;
}

/** 'SearchReadAccountTransactions' query type */
export interface ISearchReadAccountTransactionsQuery {
  params: ISearchReadAccountTransactionsParams;
  result: ISearchReadAccountTransactionsResult;
}

const searchReadAccountTransactionsIR: any = {"usedParamSet":{"accountId":true,"ledger":true,"createdAfter":true,"createdBefore":true,"metadata":true,"minAmount":true,"maxAmount":true,"status":true,"type":true,"query":true,"queryPattern":true,"beforeSequence":true,"limit":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":307,"b":317}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":460,"b":467}]},{"name":"createdAfter","required":false,"transform":{"type":"scalar"},"locs":[{"a":484,"b":496},{"a":538,"b":550}]},{"name":"createdBefore","required":false,"transform":{"type":"scalar"},"locs":[{"a":568,"b":581},{"a":622,"b":635}]},{"name":"metadata","required":false,"transform":{"type":"scalar"},"locs":[{"a":653,"b":661},{"a":695,"b":703}]},{"name":"minAmount","required":false,"transform":{"type":"scalar"},"locs":[{"a":721,"b":730},{"a":763,"b":772}]},{"name":"maxAmount","required":false,"transform":{"type":"scalar"},"locs":[{"a":790,"b":799},{"a":832,"b":841}]},{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":859,"b":865},{"a":895,"b":901}]},{"name":"type","required":false,"transform":{"type":"scalar"},"locs":[{"a":919,"b":923},{"a":951,"b":955}]},{"name":"query","required":false,"transform":{"type":"scalar"},"locs":[{"a":973,"b":978},{"a":1028,"b":1033},{"a":1059,"b":1064}]},{"name":"queryPattern","required":false,"transform":{"type":"scalar"},"locs":[{"a":1089,"b":1101}]},{"name":"beforeSequence","required":false,"transform":{"type":"scalar"},"locs":[{"a":1119,"b":1133},{"a":1165,"b":1179}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1218,"b":1224}]}],"statement":"SELECT t.transaction_id, t.ledger, t.sequence, t.type, t.status, t.parent_id, t.idempotency_key, t.description, t.metadata, t.total,\n       t.currencies, t.effective_at, t.created_at, t.caller, t.actor, t.expires_at\n  FROM (SELECT DISTINCT l.transaction_id FROM read.transaction_legs l WHERE l.account_id = :accountId!) m\n CROSS JOIN LATERAL (\n       SELECT * FROM read.transactions t\n        WHERE t.transaction_id = m.transaction_id\n          AND t.ledger = :ledger!\n          AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)\n          AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)\n          AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)\n          AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)\n          AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)\n          AND (:status::text IS NULL OR t.status = :status)\n          AND (:type::text IS NULL OR t.type = :type)\n          AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)\n          AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)) t\n ORDER BY t.sequence DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.transaction_id, t.ledger, t.sequence, t.type, t.status, t.parent_id, t.idempotency_key, t.description, t.metadata, t.total,
 *        t.currencies, t.effective_at, t.created_at, t.caller, t.actor, t.expires_at
 *   FROM (SELECT DISTINCT l.transaction_id FROM read.transaction_legs l WHERE l.account_id = :accountId!) m
 *  CROSS JOIN LATERAL (
 *        SELECT * FROM read.transactions t
 *         WHERE t.transaction_id = m.transaction_id
 *           AND t.ledger = :ledger!
 *           AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
 *           AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
 *           AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
 *           AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)
 *           AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)
 *           AND (:status::text IS NULL OR t.status = :status)
 *           AND (:type::text IS NULL OR t.type = :type)
 *           AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)
 *           AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)) t
 *  ORDER BY t.sequence DESC
 *  LIMIT :limit!
 * ```
 */
export const searchReadAccountTransactions = new PreparedQuery<ISearchReadAccountTransactionsParams,ISearchReadAccountTransactionsResult>(searchReadAccountTransactionsIR);


/** 'ListReadLegs' parameters type */
export interface IListReadLegsParams {
  transactionIds: stringArray;
}

/** 'ListReadLegs' return type */
export interface IListReadLegsResult {
  account_code: string;
  account_id: string;
  amount: string;
  currency: string;
  direction: string;
  effect: string;
  leg: number;
  transaction_id: string;
}

/** 'ListReadLegs' query type */
export interface IListReadLegsQuery {
  params: IListReadLegsParams;
  result: IListReadLegsResult;
}

const listReadLegsIR: any = {"usedParamSet":{"transactionIds":true},"params":[{"name":"transactionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":147,"b":162}]}],"statement":"SELECT transaction_id, leg, account_id, account_code, currency, direction, effect, amount\n  FROM read.transaction_legs\n WHERE transaction_id = ANY(:transactionIds!::uuid[])\n ORDER BY transaction_id, leg"};

/**
 * Query generated from SQL:
 * ```
 * SELECT transaction_id, leg, account_id, account_code, currency, direction, effect, amount
 *   FROM read.transaction_legs
 *  WHERE transaction_id = ANY(:transactionIds!::uuid[])
 *  ORDER BY transaction_id, leg
 * ```
 */
export const listReadLegs = new PreparedQuery<IListReadLegsParams,IListReadLegsResult>(listReadLegsIR);


/** 'ListReadAccountEntries' parameters type */
export interface IListReadAccountEntriesParams {
  accountId: string;
  beforeLeg?: number | null | void;
  beforeSequence?: bigint | null | void;
  ledger: string;
  limit: bigint;
}

/** 'ListReadAccountEntries' return type */
export interface IListReadAccountEntriesResult {
  amount: string;
  created_at: Date;
  currency: string;
  description: string;
  direction: string;
  effect: string;
  leg: number;
  sequence: bigint;
  status: string;
  transaction_id: string;
  type: string;
}

/** 'ListReadAccountEntries' query type */
export interface IListReadAccountEntriesQuery {
  params: IListReadAccountEntriesParams;
  result: IListReadAccountEntriesResult;
}

const listReadAccountEntriesIR: any = {"usedParamSet":{"accountId":true,"ledger":true,"beforeSequence":true,"beforeLeg":true,"limit":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":254,"b":264}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":281,"b":288}]},{"name":"beforeSequence","required":false,"transform":{"type":"scalar"},"locs":[{"a":298,"b":312},{"a":344,"b":358},{"a":377,"b":391}]},{"name":"beforeLeg","required":false,"transform":{"type":"scalar"},"locs":[{"a":405,"b":414}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":468,"b":474}]}],"statement":"SELECT l.transaction_id, l.leg, l.direction, l.effect, l.amount, l.currency, t.type, t.status, t.description, t.created_at, t.sequence\n  FROM read.transaction_legs l\n  JOIN read.transactions t ON t.transaction_id = l.transaction_id\n WHERE l.account_id = :accountId! AND t.ledger = :ledger!\n   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence OR (t.sequence = :beforeSequence AND l.leg < :beforeLeg::int))\n ORDER BY t.sequence DESC, l.leg DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT l.transaction_id, l.leg, l.direction, l.effect, l.amount, l.currency, t.type, t.status, t.description, t.created_at, t.sequence
 *   FROM read.transaction_legs l
 *   JOIN read.transactions t ON t.transaction_id = l.transaction_id
 *  WHERE l.account_id = :accountId! AND t.ledger = :ledger!
 *    AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence OR (t.sequence = :beforeSequence AND l.leg < :beforeLeg::int))
 *  ORDER BY t.sequence DESC, l.leg DESC
 *  LIMIT :limit!
 * ```
 */
export const listReadAccountEntries = new PreparedQuery<IListReadAccountEntriesParams,IListReadAccountEntriesResult>(listReadAccountEntriesIR);


/** 'ListReadAccountHolds' parameters type */
export interface IListReadAccountHoldsParams {
  accountId: string;
  beforeSequence?: bigint | null | void;
  ledger: string;
  limit: bigint;
}

/** 'ListReadAccountHolds' return type */
export interface IListReadAccountHoldsResult {
  actor: string | null;
  caller: string | null;
  created_at: Date;
  currencies: stringArray;
  description: string;
  effective_at: Date;
  expires_at: Date | null;
  idempotency_key: string;
  ledger: string;
  metadata: Json;
  parent_id: string | null;
  sequence: bigint;
  status: string;
  total: string;
  transaction_id: string;
  type: string;
}

/** 'ListReadAccountHolds' query type */
export interface IListReadAccountHoldsQuery {
  params: IListReadAccountHoldsParams;
  result: IListReadAccountHoldsResult;
}

const listReadAccountHoldsIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"beforeSequence":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":229,"b":236}]},{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":377,"b":387}]},{"name":"beforeSequence","required":false,"transform":{"type":"scalar"},"locs":[{"a":398,"b":412},{"a":444,"b":458}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":494,"b":500}]}],"statement":"SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,\n       currencies, effective_at, created_at, caller, actor, expires_at\n  FROM read.transactions t\n WHERE t.ledger = :ledger! AND t.status = 'pending'\n   AND EXISTS (SELECT 1 FROM read.transaction_legs l WHERE l.transaction_id = t.transaction_id AND l.account_id = :accountId!)\n   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)\n ORDER BY t.sequence DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,
 *        currencies, effective_at, created_at, caller, actor, expires_at
 *   FROM read.transactions t
 *  WHERE t.ledger = :ledger! AND t.status = 'pending'
 *    AND EXISTS (SELECT 1 FROM read.transaction_legs l WHERE l.transaction_id = t.transaction_id AND l.account_id = :accountId!)
 *    AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)
 *  ORDER BY t.sequence DESC
 *  LIMIT :limit!
 * ```
 */
export const listReadAccountHolds = new PreparedQuery<IListReadAccountHoldsParams,IListReadAccountHoldsResult>(listReadAccountHoldsIR);


/** 'ListProcessedEvents' parameters type */
export interface IListProcessedEventsParams {
  eventIds: stringArray;
}

/** 'ListProcessedEvents' return type */
export interface IListProcessedEventsResult {
  event_id: string;
  event_type: string;
  processed_at: Date;
}

/** 'ListProcessedEvents' query type */
export interface IListProcessedEventsQuery {
  params: IListProcessedEventsParams;
  result: IListProcessedEventsResult;
}

const listProcessedEventsIR: any = {"usedParamSet":{"eventIds":true},"params":[{"name":"eventIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":91,"b":100}]}],"statement":"SELECT event_id, event_type, processed_at FROM read.processed_events\n WHERE event_id = ANY(:eventIds!::uuid[])\n ORDER BY processed_at"};

/**
 * Query generated from SQL:
 * ```
 * SELECT event_id, event_type, processed_at FROM read.processed_events
 *  WHERE event_id = ANY(:eventIds!::uuid[])
 *  ORDER BY processed_at
 * ```
 */
export const listProcessedEvents = new PreparedQuery<IListProcessedEventsParams,IListProcessedEventsResult>(listProcessedEventsIR);


/** 'GetPipelineStatus' parameters type */
export type IGetPipelineStatusParams = void;

/** 'GetPipelineStatus' return type */
export interface IGetPipelineStatusResult {
  component: string;
  figures: Json;
  updated_at: Date;
}

/** 'GetPipelineStatus' query type */
export interface IGetPipelineStatusQuery {
  params: IGetPipelineStatusParams;
  result: IGetPipelineStatusResult;
}

const getPipelineStatusIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT component, figures, updated_at FROM projector.pipeline_status"};

/**
 * Query generated from SQL:
 * ```
 * SELECT component, figures, updated_at FROM projector.pipeline_status
 * ```
 */
export const getPipelineStatus = new PreparedQuery<IGetPipelineStatusParams,IGetPipelineStatusResult>(getPipelineStatusIR);


/** 'ListDailyVolumes' parameters type */
export interface IListDailyVolumesParams {
  fromDay: string;
  ledger: string;
}

/** 'ListDailyVolumes' return type */
export interface IListDailyVolumesResult {
  currency: string;
  day: string;
  transactions: string;
  volume: string;
}

/** 'ListDailyVolumes' query type */
export interface IListDailyVolumesQuery {
  params: IListDailyVolumesParams;
  result: IListDailyVolumesResult;
}

const listDailyVolumesIR: any = {"usedParamSet":{"ledger":true,"fromDay":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":145,"b":152}]},{"name":"fromDay","required":true,"transform":{"type":"scalar"},"locs":[{"a":221,"b":229}]}],"statement":"SELECT day::text AS \"day!\", currency, debits::text AS \"volume!\", transactions::text AS \"transactions!\"\n  FROM read.daily_volumes\n WHERE ledger = :ledger! AND account_id = '00000000-0000-0000-0000-000000000000' AND day >= :fromDay!::date\n ORDER BY currency, day"};

/**
 * Query generated from SQL:
 * ```
 * SELECT day::text AS "day!", currency, debits::text AS "volume!", transactions::text AS "transactions!"
 *   FROM read.daily_volumes
 *  WHERE ledger = :ledger! AND account_id = '00000000-0000-0000-0000-000000000000' AND day >= :fromDay!::date
 *  ORDER BY currency, day
 * ```
 */
export const listDailyVolumes = new PreparedQuery<IListDailyVolumesParams,IListDailyVolumesResult>(listDailyVolumesIR);


/** 'ListDeadLetters' parameters type */
export interface IListDeadLettersParams {
  beforeId?: bigint | null | void;
  eventType?: string | null | void;
  limit: bigint;
  status?: string | null | void;
  topic?: string | null | void;
}

/** 'ListDeadLetters' return type */
export interface IListDeadLettersResult {
  attempts: number;
  created_at: Date;
  error: string;
  event_id: string | null;
  event_type: string | null;
  headers: Json;
  id: bigint;
  key: string;
  offset: string;
  partition: number;
  resolved_at: Date | null;
  resolved_by: string | null;
  status: string;
  topic: string;
}

/** 'ListDeadLetters' query type */
export interface IListDeadLettersQuery {
  params: IListDeadLettersParams;
  result: IListDeadLettersResult;
}

const listDeadLettersIR: any = {"usedParamSet":{"status":true,"eventType":true,"topic":true,"beforeId":true,"limit":true},"params":[{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":196,"b":202},{"a":230,"b":236}]},{"name":"eventType","required":false,"transform":{"type":"scalar"},"locs":[{"a":247,"b":256},{"a":288,"b":297}]},{"name":"topic","required":false,"transform":{"type":"scalar"},"locs":[{"a":308,"b":313},{"a":340,"b":345}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":356,"b":364},{"a":390,"b":398}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":426,"b":432}]}],"statement":"SELECT id, event_id, event_type, topic, \"partition\", \"offset\"::text AS \"offset!\", key, headers, error, attempts, status, created_at, resolved_at, resolved_by\n  FROM projector.dead_letters\n WHERE (:status::text IS NULL OR status = :status)\n   AND (:eventType::text IS NULL OR event_type = :eventType)\n   AND (:topic::text IS NULL OR topic = :topic)\n   AND (:beforeId::bigint IS NULL OR id < :beforeId)\n ORDER BY id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, event_id, event_type, topic, "partition", "offset"::text AS "offset!", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
 *   FROM projector.dead_letters
 *  WHERE (:status::text IS NULL OR status = :status)
 *    AND (:eventType::text IS NULL OR event_type = :eventType)
 *    AND (:topic::text IS NULL OR topic = :topic)
 *    AND (:beforeId::bigint IS NULL OR id < :beforeId)
 *  ORDER BY id DESC
 *  LIMIT :limit!
 * ```
 */
export const listDeadLetters = new PreparedQuery<IListDeadLettersParams,IListDeadLettersResult>(listDeadLettersIR);


/** 'GetDeadLetter' parameters type */
export interface IGetDeadLetterParams {
  id: bigint;
}

/** 'GetDeadLetter' return type */
export interface IGetDeadLetterResult {
  attempts: number;
  created_at: Date;
  error: string;
  event_id: string | null;
  event_type: string | null;
  headers: Json;
  id: bigint;
  key: string;
  offset: string;
  partition: number;
  resolved_at: Date | null;
  resolved_by: string | null;
  status: string;
  topic: string;
  value: Buffer;
}

/** 'GetDeadLetter' query type */
export interface IGetDeadLetterQuery {
  params: IGetDeadLetterParams;
  result: IGetDeadLetterResult;
}

const getDeadLetterIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":207,"b":210}]}],"statement":"SELECT id, event_id, event_type, topic, \"partition\", \"offset\"::text AS \"offset!\", key, headers, error, attempts, status, created_at, resolved_at, resolved_by, value\n  FROM projector.dead_letters\n WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, event_id, event_type, topic, "partition", "offset"::text AS "offset!", key, headers, error, attempts, status, created_at, resolved_at, resolved_by, value
 *   FROM projector.dead_letters
 *  WHERE id = :id!
 * ```
 */
export const getDeadLetter = new PreparedQuery<IGetDeadLetterParams,IGetDeadLetterResult>(getDeadLetterIR);


