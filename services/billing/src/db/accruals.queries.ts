/** Types generated for queries found in "services/billing/src/db/accruals.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

/** 'InsertAccrual' parameters type */
export interface IInsertAccrualParams {
  accountCode: string;
  accountId: string;
  baseAmount: string;
  currency: string;
  eventId: string;
  fee: string;
  invoiceId: string;
  ledger: string;
  occurredAt: DateOrString;
  planId: string;
  refundsAccrualId?: string | null | void;
  sourceTransactionId: string;
  sourceType: string;
}

/** 'InsertAccrual' return type */
export interface IInsertAccrualResult {
  id: string;
}

/** 'InsertAccrual' query type */
export interface IInsertAccrualQuery {
  params: IInsertAccrualParams;
  result: IInsertAccrualResult;
}

const insertAccrualIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"accountCode":true,"planId":true,"currency":true,"sourceTransactionId":true,"sourceType":true,"eventId":true,"baseAmount":true,"fee":true,"invoiceId":true,"refundsAccrualId":true,"occurredAt":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":230,"b":237}]},{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":240,"b":250}]},{"name":"accountCode","required":true,"transform":{"type":"scalar"},"locs":[{"a":253,"b":265}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":268,"b":275}]},{"name":"currency","required":true,"transform":{"type":"scalar"},"locs":[{"a":278,"b":287}]},{"name":"sourceTransactionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":290,"b":310}]},{"name":"sourceType","required":true,"transform":{"type":"scalar"},"locs":[{"a":313,"b":324}]},{"name":"eventId","required":true,"transform":{"type":"scalar"},"locs":[{"a":335,"b":343}]},{"name":"baseAmount","required":true,"transform":{"type":"scalar"},"locs":[{"a":346,"b":357}]},{"name":"fee","required":true,"transform":{"type":"scalar"},"locs":[{"a":360,"b":364}]},{"name":"invoiceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":367,"b":377}]},{"name":"refundsAccrualId","required":false,"transform":{"type":"scalar"},"locs":[{"a":380,"b":396}]},{"name":"occurredAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":399,"b":410}]}],"statement":"INSERT INTO billing.accruals (ledger, account_id, account_code, plan_id, currency, source_transaction_id, source_type,\n                              event_id, base_amount, fee, invoice_id, refunds_accrual_id, occurred_at)\nVALUES (:ledger!, :accountId!, :accountCode!, :planId!, :currency!, :sourceTransactionId!, :sourceType!,\n        :eventId!, :baseAmount!, :fee!, :invoiceId!, :refundsAccrualId, :occurredAt!)\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.accruals (ledger, account_id, account_code, plan_id, currency, source_transaction_id, source_type,
 *                               event_id, base_amount, fee, invoice_id, refunds_accrual_id, occurred_at)
 * VALUES (:ledger!, :accountId!, :accountCode!, :planId!, :currency!, :sourceTransactionId!, :sourceType!,
 *         :eventId!, :baseAmount!, :fee!, :invoiceId!, :refundsAccrualId, :occurredAt!)
 * RETURNING id
 * ```
 */
export const insertAccrual = new PreparedQuery<IInsertAccrualParams,IInsertAccrualResult>(insertAccrualIR);


/** 'UnrefundedChargesOf' parameters type */
export interface IUnrefundedChargesOfParams {
  sourceTransactionId: string;
}

/** 'UnrefundedChargesOf' return type */
export interface IUnrefundedChargesOfResult {
  account_code: string;
  account_id: string;
  base_amount: string;
  created_at: Date;
  currency: string;
  event_id: string;
  fee: string;
  id: string;
  invoice_id: string;
  ledger: string;
  occurred_at: Date;
  period: string;
  plan_id: string;
  refunds_accrual_id: string | null;
  seq: bigint;
  source_transaction_id: string;
  source_type: string;
}

/** 'UnrefundedChargesOf' query type */
export interface IUnrefundedChargesOfQuery {
  params: IUnrefundedChargesOfParams;
  result: IUnrefundedChargesOfResult;
}

const unrefundedChargesOfIR: any = {"usedParamSet":{"sourceTransactionId":true},"params":[{"name":"sourceTransactionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":119,"b":139}]}],"statement":"SELECT c.*, p.period FROM billing.accruals c JOIN billing.plans p ON p.id = c.plan_id\n WHERE c.source_transaction_id = :sourceTransactionId! AND c.source_type <> 'reversal'\n   AND NOT EXISTS (SELECT 1 FROM billing.accruals r WHERE r.refunds_accrual_id = c.id)\n ORDER BY c.seq"};

/**
 * Query generated from SQL:
 * ```
 * SELECT c.*, p.period FROM billing.accruals c JOIN billing.plans p ON p.id = c.plan_id
 *  WHERE c.source_transaction_id = :sourceTransactionId! AND c.source_type <> 'reversal'
 *    AND NOT EXISTS (SELECT 1 FROM billing.accruals r WHERE r.refunds_accrual_id = c.id)
 *  ORDER BY c.seq
 * ```
 */
export const unrefundedChargesOf = new PreparedQuery<IUnrefundedChargesOfParams,IUnrefundedChargesOfResult>(unrefundedChargesOfIR);


/** 'ListAccruals' parameters type */
export interface IListAccrualsParams {
  accountId?: string | null | void;
  beforeSeq?: bigint | null | void;
  invoiceId?: string | null | void;
  ledger: string;
  limit: bigint;
}

/** 'ListAccruals' return type */
export interface IListAccrualsResult {
  account_code: string;
  account_id: string;
  base_amount: string;
  created_at: Date;
  currency: string;
  event_id: string;
  fee: string;
  id: string;
  invoice_id: string;
  ledger: string;
  occurred_at: Date;
  plan_id: string;
  refunds_accrual_id: string | null;
  seq: bigint;
  source_transaction_id: string;
  source_type: string;
}

/** 'ListAccruals' query type */
export interface IListAccrualsQuery {
  params: IListAccrualsParams;
  result: IListAccrualsResult;
}

const listAccrualsIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"invoiceId":true,"beforeSeq":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":47,"b":54}]},{"name":"accountId","required":false,"transform":{"type":"scalar"},"locs":[{"a":64,"b":73},{"a":105,"b":114}]},{"name":"invoiceId","required":false,"transform":{"type":"scalar"},"locs":[{"a":125,"b":134},{"a":166,"b":175}]},{"name":"beforeSeq","required":false,"transform":{"type":"scalar"},"locs":[{"a":186,"b":195},{"a":222,"b":231}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":260,"b":266}]}],"statement":"SELECT * FROM billing.accruals\n WHERE ledger = :ledger!\n   AND (:accountId::uuid IS NULL OR account_id = :accountId)\n   AND (:invoiceId::uuid IS NULL OR invoice_id = :invoiceId)\n   AND (:beforeSeq::bigint IS NULL OR seq < :beforeSeq)\n ORDER BY seq DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.accruals
 *  WHERE ledger = :ledger!
 *    AND (:accountId::uuid IS NULL OR account_id = :accountId)
 *    AND (:invoiceId::uuid IS NULL OR invoice_id = :invoiceId)
 *    AND (:beforeSeq::bigint IS NULL OR seq < :beforeSeq)
 *  ORDER BY seq DESC
 *  LIMIT :limit!
 * ```
 */
export const listAccruals = new PreparedQuery<IListAccrualsParams,IListAccrualsResult>(listAccrualsIR);


