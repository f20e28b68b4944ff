/** Types generated for queries found in "services/billing/src/db/invoices.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

/** 'InsertInvoice' parameters type */
export interface IInsertInvoiceParams {
  accountCode: string;
  accountId: string;
  ledger: string;
  periodEnd: DateOrString;
  periodStart: DateOrString;
  planId: string;
}

/** 'InsertInvoice' return type */
export type IInsertInvoiceResult = void;

/** 'InsertInvoice' query type */
export interface IInsertInvoiceQuery {
  params: IInsertInvoiceParams;
  result: IInsertInvoiceResult;
}

const insertInvoiceIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"accountCode":true,"periodStart":true,"periodEnd":true,"planId":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":144,"b":151}]},{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":154,"b":164}]},{"name":"accountCode","required":true,"transform":{"type":"scalar"},"locs":[{"a":167,"b":179}]},{"name":"periodStart","required":true,"transform":{"type":"scalar"},"locs":[{"a":210,"b":222}]},{"name":"periodEnd","required":true,"transform":{"type":"scalar"},"locs":[{"a":225,"b":235}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":295,"b":302}]}],"statement":"INSERT INTO billing.invoices (ledger, account_id, account_code, plan_id, currency, period, period_start, period_end, revenue_account_id)\nSELECT :ledger!, :accountId!, :accountCode!, p.id, p.currency, p.period, :periodStart!, :periodEnd!, p.revenue_account_id\n  FROM billing.plans p WHERE p.id = :planId!\nON CONFLICT (ledger, account_id, plan_id, period_start) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.invoices (ledger, account_id, account_code, plan_id, currency, period, period_start, period_end, revenue_account_id)
 * SELECT :ledger!, :accountId!, :accountCode!, p.id, p.currency, p.period, :periodStart!, :periodEnd!, p.revenue_account_id
 *   FROM billing.plans p WHERE p.id = :planId!
 * ON CONFLICT (ledger, account_id, plan_id, period_start) DO NOTHING
 * ```
 */
export const insertInvoice = new PreparedQuery<IInsertInvoiceParams,IInsertInvoiceResult>(insertInvoiceIR);


/** 'LockInvoiceOfPeriod' parameters type */
export interface ILockInvoiceOfPeriodParams {
  accountId: string;
  ledger: string;
  periodStart: DateOrString;
  planId: string;
}

/** 'LockInvoiceOfPeriod' return type */
export interface ILockInvoiceOfPeriodResult {
  id: string;
  status: string;
}

/** 'LockInvoiceOfPeriod' query type */
export interface ILockInvoiceOfPeriodQuery {
  params: ILockInvoiceOfPeriodParams;
  result: ILockInvoiceOfPeriodResult;
}

const lockInvoiceOfPeriodIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"planId":true,"periodStart":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":63}]},{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":82,"b":92}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":108,"b":115}]},{"name":"periodStart","required":true,"transform":{"type":"scalar"},"locs":[{"a":136,"b":148}]}],"statement":"SELECT id, status FROM billing.invoices\n WHERE ledger = :ledger! AND account_id = :accountId! AND plan_id = :planId! AND period_start = :periodStart!\n   FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, status FROM billing.invoices
 *  WHERE ledger = :ledger! AND account_id = :accountId! AND plan_id = :planId! AND period_start = :periodStart!
 *    FOR UPDATE
 * ```
 */
export const lockInvoiceOfPeriod = new PreparedQuery<ILockInvoiceOfPeriodParams,ILockInvoiceOfPeriodResult>(lockInvoiceOfPeriodIR);


/** 'LockOpenInvoiceFrom' parameters type */
export interface ILockOpenInvoiceFromParams {
  accountId: string;
  from: DateOrString;
  planId: string;
}

/** 'LockOpenInvoiceFrom' return type */
export interface ILockOpenInvoiceFromResult {
  id: string;
  status: string;
}

/** 'LockOpenInvoiceFrom' query type */
export interface ILockOpenInvoiceFromQuery {
  params: ILockOpenInvoiceFromParams;
  result: ILockOpenInvoiceFromResult;
}

const lockOpenInvoiceFromIR: any = {"usedParamSet":{"accountId":true,"planId":true,"from":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":70}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":86,"b":93}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":135,"b":140}]}],"statement":"SELECT id, status FROM billing.invoices\n WHERE account_id = :accountId! AND plan_id = :planId! AND status = 'open' AND period_start >= :from!\n ORDER BY period_start\n LIMIT 1\n   FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, status FROM billing.invoices
 *  WHERE account_id = :accountId! AND plan_id = :planId! AND status = 'open' AND period_start >= :from!
 *  ORDER BY period_start
 *  LIMIT 1
 *    FOR UPDATE
 * ```
 */
export const lockOpenInvoiceFrom = new PreparedQuery<ILockOpenInvoiceFromParams,ILockOpenInvoiceFromResult>(lockOpenInvoiceFromIR);


/** 'LatestInvoiceEndFrom' parameters type */
export interface ILatestInvoiceEndFromParams {
  accountId: string;
  from: DateOrString;
  planId: string;
}

/** 'LatestInvoiceEndFrom' return type */
export interface ILatestInvoiceEndFromResult {
  latest_end: Date | null;
}

/** 'LatestInvoiceEndFrom' query type */
export interface ILatestInvoiceEndFromQuery {
  params: ILatestInvoiceEndFromParams;
  result: ILatestInvoiceEndFromResult;
}

const latestInvoiceEndFromIR: any = {"usedParamSet":{"accountId":true,"planId":true,"from":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":79,"b":89}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":105,"b":112}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":134,"b":139}]}],"statement":"SELECT max(period_end) AS latest_end FROM billing.invoices\n WHERE account_id = :accountId! AND plan_id = :planId! AND period_start >= :from!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT max(period_end) AS latest_end FROM billing.invoices
 *  WHERE account_id = :accountId! AND plan_id = :planId! AND period_start >= :from!
 * ```
 */
export const latestInvoiceEndFrom = new PreparedQuery<ILatestInvoiceEndFromParams,ILatestInvoiceEndFromResult>(latestInvoiceEndFromIR);


/** 'GetInvoice' parameters type */
export interface IGetInvoiceParams {
  id: string;
}

/** 'GetInvoice' return type */
export interface IGetInvoiceResult {
  account_code: string;
  account_id: string;
  accrual_count: number;
  attempts: number;
  closed_at: Date | null;
  created_at: Date;
  currency: string;
  error: string | null;
  fee_transaction_id: string | null;
  id: string;
  ledger: string;
  next_attempt_at: Date | null;
  period: string;
  period_end: Date;
  period_start: Date;
  plan_id: string;
  posted_at: Date | null;
  revenue_account_id: string;
  status: string;
  total: string;
  updated_at: Date;
}

/** 'GetInvoice' query type */
export interface IGetInvoiceQuery {
  params: IGetInvoiceParams;
  result: IGetInvoiceResult;
}

const getInvoiceIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":42,"b":45}]}],"statement":"SELECT * FROM billing.invoices WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.invoices WHERE id = :id!
 * ```
 */
export const getInvoice = new PreparedQuery<IGetInvoiceParams,IGetInvoiceResult>(getInvoiceIR);


/** 'ListInvoices' parameters type */
export interface IListInvoicesParams {
  accountId?: string | null | void;
  afterId?: string | null | void;
  afterPeriodStart?: DateOrString | null | void;
  ledger: string;
  limit: bigint;
  status?: string | null | void;
}

/** 'ListInvoices' return type */
export interface IListInvoicesResult {
  account_code: string;
  account_id: string;
  accrual_count: number;
  attempts: number;
  closed_at: Date | null;
  created_at: Date;
  currency: string;
  error: string | null;
  fee_transaction_id: string | null;
  id: string;
  ledger: string;
  next_attempt_at: Date | null;
  period: string;
  period_end: Date;
  period_start: Date;
  plan_id: string;
  posted_at: Date | null;
  revenue_account_id: string;
  status: string;
  total: string;
  updated_at: Date;
}

/** 'ListInvoices' query type */
export interface IListInvoicesQuery {
  params: IListInvoicesParams;
  result: IListInvoicesResult;
}

const listInvoicesIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"status":true,"afterPeriodStart":true,"afterId":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":47,"b":54}]},{"name":"accountId","required":false,"transform":{"type":"scalar"},"locs":[{"a":64,"b":73},{"a":105,"b":114}]},{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":125,"b":131},{"a":159,"b":165}]},{"name":"afterPeriodStart","required":false,"transform":{"type":"scalar"},"locs":[{"a":176,"b":192},{"a":240,"b":256}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":259,"b":266}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":320,"b":326}]}],"statement":"SELECT * FROM billing.invoices\n WHERE ledger = :ledger!\n   AND (:accountId::uuid IS NULL OR account_id = :accountId)\n   AND (:status::text IS NULL OR status = :status)\n   AND (:afterPeriodStart::timestamptz IS NULL OR (period_start, id) < (:afterPeriodStart, :afterId::uuid))\n ORDER BY period_start DESC, id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.invoices
 *  WHERE ledger = :ledger!
 *    AND (:accountId::uuid IS NULL OR account_id = :accountId)
 *    AND (:status::text IS NULL OR status = :status)
 *    AND (:afterPeriodStart::timestamptz IS NULL OR (period_start, id) < (:afterPeriodStart, :afterId::uuid))
 *  ORDER BY period_start DESC, id DESC
 *  LIMIT :limit!
 * ```
 */
export const listInvoices = new PreparedQuery<IListInvoicesParams,IListInvoicesResult>(listInvoicesIR);


/** 'CloseDueInvoices' parameters type */
export interface ICloseDueInvoicesParams {
  limit: bigint;
  now: DateOrString;
}

/** 'CloseDueInvoices' return type */
export interface ICloseDueInvoicesResult {
  id: string;
}

/** 'CloseDueInvoices' query type */
export interface ICloseDueInvoicesQuery {
  params: ICloseDueInvoicesParams;
  result: ICloseDueInvoicesResult;
}

const closeDueInvoicesIR: any = {"usedParamSet":{"now":true,"limit":true},"params":[{"name":"now","required":true,"transform":{"type":"scalar"},"locs":[{"a":177,"b":181}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":224,"b":230}]}],"statement":"UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()\n WHERE id IN (SELECT id FROM billing.invoices WHERE status = 'open' AND period_end <= :now!\n               ORDER BY period_end LIMIT :limit! FOR UPDATE SKIP LOCKED)\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()
 *  WHERE id IN (SELECT id FROM billing.invoices WHERE status = 'open' AND period_end <= :now!
 *                ORDER BY period_end LIMIT :limit! FOR UPDATE SKIP LOCKED)
 * RETURNING id
 * ```
 */
export const closeDueInvoices = new PreparedQuery<ICloseDueInvoicesParams,ICloseDueInvoicesResult>(closeDueInvoicesIR);


/** 'CloseInvoiceNow' parameters type */
export interface ICloseInvoiceNowParams {
  id: string;
}

/** 'CloseInvoiceNow' return type */
export interface ICloseInvoiceNowResult {
  id: string;
}

/** 'CloseInvoiceNow' query type */
export interface ICloseInvoiceNowQuery {
  params: ICloseInvoiceNowParams;
  result: ICloseInvoiceNowResult;
}

const closeInvoiceNowIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":103,"b":106}]}],"statement":"UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()\n WHERE id = :id! AND status = 'open'\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()
 *  WHERE id = :id! AND status = 'open'
 * RETURNING id
 * ```
 */
export const closeInvoiceNow = new PreparedQuery<ICloseInvoiceNowParams,ICloseInvoiceNowResult>(closeInvoiceNowIR);


/** 'ClaimInvoicesToPost' parameters type */
export interface IClaimInvoicesToPostParams {
  leaseSeconds: number;
  limit: bigint;
}

/** 'ClaimInvoicesToPost' return type */
export interface IClaimInvoicesToPostResult {
  account_code: string;
  account_id: string;
  accrual_count: number;
  attempts: number;
  closed_at: Date | null;
  created_at: Date;
  currency: string;
  error: string | null;
  fee_transaction_id: string | null;
  id: string;
  ledger: string;
  next_attempt_at: Date | null;
  period: string;
  period_end: Date;
  period_start: Date;
  plan_id: string;
  posted_at: Date | null;
  revenue_account_id: string;
  status: string;
  total: string;
  updated_at: Date;
}

/** 'ClaimInvoicesToPost' query type */
export interface IClaimInvoicesToPostQuery {
  params: IClaimInvoicesToPostParams;
  result: IClaimInvoicesToPostResult;
}

const claimInvoicesToPostIR: any = {"usedParamSet":{"leaseSeconds":true,"limit":true},"params":[{"name":"leaseSeconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":76,"b":89}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":259,"b":265}]}],"statement":"UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)\n WHERE id IN (SELECT id FROM billing.invoices WHERE status IN ('posting', 'failed') AND next_attempt_at <= now()\n               ORDER BY next_attempt_at LIMIT :limit! FOR UPDATE SKIP LOCKED)\nRETURNING *"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)
 *  WHERE id IN (SELECT id FROM billing.invoices WHERE status IN ('posting', 'failed') AND next_attempt_at <= now()
 *                ORDER BY next_attempt_at LIMIT :limit! FOR UPDATE SKIP LOCKED)
 * RETURNING *
 * ```
 */
export const claimInvoicesToPost = new PreparedQuery<IClaimInvoicesToPostParams,IClaimInvoicesToPostResult>(claimInvoicesToPostIR);


/** 'ClaimInvoice' parameters type */
export interface IClaimInvoiceParams {
  id: string;
  leaseSeconds: number;
}

/** 'ClaimInvoice' return type */
export interface IClaimInvoiceResult {
  account_code: string;
  account_id: string;
  accrual_count: number;
  attempts: number;
  closed_at: Date | null;
  created_at: Date;
  currency: string;
  error: string | null;
  fee_transaction_id: string | null;
  id: string;
  ledger: string;
  next_attempt_at: Date | null;
  period: string;
  period_end: Date;
  period_start: Date;
  plan_id: string;
  posted_at: Date | null;
  revenue_account_id: string;
  status: string;
  total: string;
  updated_at: Date;
}

/** 'ClaimInvoice' query type */
export interface IClaimInvoiceQuery {
  params: IClaimInvoiceParams;
  result: IClaimInvoiceResult;
}

const claimInvoiceIR: any = {"usedParamSet":{"leaseSeconds":true,"id":true},"params":[{"name":"leaseSeconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":76,"b":89}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":112,"b":115}]}],"statement":"UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)\n WHERE id = :id! AND status IN ('posting', 'failed')\nRETURNING *"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)
 *  WHERE id = :id! AND status IN ('posting', 'failed')
 * RETURNING *
 * ```
 */
export const claimInvoice = new PreparedQuery<IClaimInvoiceParams,IClaimInvoiceResult>(claimInvoiceIR);


/** 'MarkPosted' parameters type */
export interface IMarkPostedParams {
  feeTransactionId?: string | null | void;
  id: string;
}

/** 'MarkPosted' return type */
export interface IMarkPostedResult {
  id: string;
}

/** 'MarkPosted' query type */
export interface IMarkPostedQuery {
  params: IMarkPostedParams;
  result: IMarkPostedResult;
}

const markPostedIR: any = {"usedParamSet":{"feeTransactionId":true,"id":true},"params":[{"name":"feeTransactionId","required":false,"transform":{"type":"scalar"},"locs":[{"a":68,"b":84}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":155,"b":158}]}],"statement":"UPDATE billing.invoices SET status = 'posted', fee_transaction_id = :feeTransactionId, posted_at = now(), error = NULL, next_attempt_at = NULL\n WHERE id = :id! AND status IN ('posting', 'failed')\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices SET status = 'posted', fee_transaction_id = :feeTransactionId, posted_at = now(), error = NULL, next_attempt_at = NULL
 *  WHERE id = :id! AND status IN ('posting', 'failed')
 * RETURNING id
 * ```
 */
export const markPosted = new PreparedQuery<IMarkPostedParams,IMarkPostedResult>(markPostedIR);


/** 'MarkAttemptFailed' parameters type */
export interface IMarkAttemptFailedParams {
  error: string;
  id: string;
  refused: boolean;
  retrySeconds: number;
}

/** 'MarkAttemptFailed' return type */
export interface IMarkAttemptFailedResult {
  id: string;
}

/** 'MarkAttemptFailed' query type */
export interface IMarkAttemptFailedQuery {
  params: IMarkAttemptFailedParams;
  result: IMarkAttemptFailedResult;
}

const markAttemptFailedIR: any = {"usedParamSet":{"refused":true,"error":true,"retrySeconds":true,"id":true},"params":[{"name":"refused","required":true,"transform":{"type":"scalar"},"locs":[{"a":50,"b":58}]},{"name":"error","required":true,"transform":{"type":"scalar"},"locs":[{"a":115,"b":121}]},{"name":"retrySeconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":204,"b":217}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":240,"b":243}]}],"statement":"UPDATE billing.invoices\n   SET status = CASE WHEN :refused!::boolean THEN 'failed' ELSE status END,\n       error = :error!, attempts = attempts + 1,\n       next_attempt_at = now() + make_interval(secs => :retrySeconds!::float8)\n WHERE id = :id! AND status IN ('posting', 'failed')\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.invoices
 *    SET status = CASE WHEN :refused!::boolean THEN 'failed' ELSE status END,
 *        error = :error!, attempts = attempts + 1,
 *        next_attempt_at = now() + make_interval(secs => :retrySeconds!::float8)
 *  WHERE id = :id! AND status IN ('posting', 'failed')
 * RETURNING id
 * ```
 */
export const markAttemptFailed = new PreparedQuery<IMarkAttemptFailedParams,IMarkAttemptFailedResult>(markAttemptFailedIR);


/** 'CountInvoices' parameters type */
export type ICountInvoicesParams = void;

/** 'CountInvoices' return type */
export interface ICountInvoicesResult {
  failed: bigint | null;
  open: bigint | null;
  posting: bigint | null;
}

/** 'CountInvoices' query type */
export interface ICountInvoicesQuery {
  params: ICountInvoicesParams;
  result: ICountInvoicesResult;
}

const countInvoicesIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'posting') AS posting,\n       count(*) FILTER (WHERE status = 'failed') AS failed\n  FROM billing.invoices WHERE status IN ('open', 'posting', 'failed')"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'posting') AS posting,
 *        count(*) FILTER (WHERE status = 'failed') AS failed
 *   FROM billing.invoices WHERE status IN ('open', 'posting', 'failed')
 * ```
 */
export const countInvoices = new PreparedQuery<ICountInvoicesParams,ICountInvoicesResult>(countInvoicesIR);


