/** Types generated for queries found in "services/billing/src/db/assignments.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type stringArray = (string)[];

/** 'LockCurrentAssignment' parameters type */
export interface ILockCurrentAssignmentParams {
  accountId: string;
}

/** 'LockCurrentAssignment' return type */
export interface ILockCurrentAssignmentResult {
  account_code: string;
  account_id: string;
  assigned_at: Date;
  currency: string;
  id: bigint;
  ledger: string;
  normal_balance: string;
  plan_id: string;
  unassigned_at: Date | null;
}

/** 'LockCurrentAssignment' query type */
export interface ILockCurrentAssignmentQuery {
  params: ILockCurrentAssignmentParams;
  result: ILockCurrentAssignmentResult;
}

const lockCurrentAssignmentIR: any = {"usedParamSet":{"accountId":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":53,"b":63}]}],"statement":"SELECT * FROM billing.assignments WHERE account_id = :accountId! AND unassigned_at IS NULL FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.assignments WHERE account_id = :accountId! AND unassigned_at IS NULL FOR UPDATE
 * ```
 */
export const lockCurrentAssignment = new PreparedQuery<ILockCurrentAssignmentParams,ILockCurrentAssignmentResult>(lockCurrentAssignmentIR);


/** 'CloseAssignment' parameters type */
export interface ICloseAssignmentParams {
  id: bigint;
}

/** 'CloseAssignment' return type */
export interface ICloseAssignmentResult {
  id: bigint;
}

/** 'CloseAssignment' query type */
export interface ICloseAssignmentQuery {
  params: ICloseAssignmentParams;
  result: ICloseAssignmentResult;
}

const closeAssignmentIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":87,"b":90}]}],"statement":"UPDATE billing.assignments SET unassigned_at = greatest(now(), assigned_at) WHERE id = :id! AND unassigned_at IS NULL\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.assignments SET unassigned_at = greatest(now(), assigned_at) WHERE id = :id! AND unassigned_at IS NULL
 * RETURNING id
 * ```
 */
export const closeAssignment = new PreparedQuery<ICloseAssignmentParams,ICloseAssignmentResult>(closeAssignmentIR);


/** 'InsertAssignment' parameters type */
export interface IInsertAssignmentParams {
  accountCode: string;
  accountId: string;
  currency: string;
  ledger: string;
  normalBalance: string;
  planId: string;
}

/** 'InsertAssignment' return type */
export interface IInsertAssignmentResult {
  account_code: string;
  account_id: string;
  assigned_at: Date;
  currency: string;
  id: bigint;
  ledger: string;
  normal_balance: string;
  plan_id: string;
  unassigned_at: Date | null;
}

/** 'InsertAssignment' query type */
export interface IInsertAssignmentQuery {
  params: IInsertAssignmentParams;
  result: IInsertAssignmentResult;
}

const insertAssignmentIR: any = {"usedParamSet":{"ledger":true,"accountId":true,"accountCode":true,"normalBalance":true,"currency":true,"planId":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":110,"b":117}]},{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":120,"b":130}]},{"name":"accountCode","required":true,"transform":{"type":"scalar"},"locs":[{"a":133,"b":145}]},{"name":"normalBalance","required":true,"transform":{"type":"scalar"},"locs":[{"a":148,"b":162}]},{"name":"currency","required":true,"transform":{"type":"scalar"},"locs":[{"a":165,"b":174}]},{"name":"planId","required":true,"transform":{"type":"scalar"},"locs":[{"a":177,"b":184}]}],"statement":"INSERT INTO billing.assignments (ledger, account_id, account_code, normal_balance, currency, plan_id)\nVALUES (:ledger!, :accountId!, :accountCode!, :normalBalance!, :currency!, :planId!)\nRETURNING *"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.assignments (ledger, account_id, account_code, normal_balance, currency, plan_id)
 * VALUES (:ledger!, :accountId!, :accountCode!, :normalBalance!, :currency!, :planId!)
 * RETURNING *
 * ```
 */
export const insertAssignment = new PreparedQuery<IInsertAssignmentParams,IInsertAssignmentResult>(insertAssignmentIR);


/** 'ListAssignments' parameters type */
export interface IListAssignmentsParams {
  accountId?: string | null | void;
  afterAssignedAt?: DateOrString | null | void;
  afterId?: bigint | null | void;
  ledger: string;
  limit: bigint;
  planId?: string | null | void;
}

/** 'ListAssignments' return type */
export interface IListAssignmentsResult {
  account_code: string;
  account_id: string;
  assigned_at: Date;
  currency: string;
  id: bigint;
  ledger: string;
  normal_balance: string;
  plan_id: string;
  plan_name: string;
  unassigned_at: Date | null;
}

/** 'ListAssignments' query type */
export interface IListAssignmentsQuery {
  params: IListAssignmentsParams;
  result: IListAssignmentsResult;
}

const listAssignmentsIR: any = {"usedParamSet":{"ledger":true,"planId":true,"accountId":true,"afterAssignedAt":true,"afterId":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":120,"b":127}]},{"name":"planId","required":false,"transform":{"type":"scalar"},"locs":[{"a":165,"b":171},{"a":202,"b":208}]},{"name":"accountId","required":false,"transform":{"type":"scalar"},"locs":[{"a":219,"b":228},{"a":262,"b":271}]},{"name":"afterAssignedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":282,"b":297},{"a":348,"b":363}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":366,"b":373}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":432,"b":438}]}],"statement":"SELECT a.*, p.name AS plan_name\n  FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id\n WHERE a.ledger = :ledger! AND a.unassigned_at IS NULL\n   AND (:planId::uuid IS NULL OR a.plan_id = :planId)\n   AND (:accountId::uuid IS NULL OR a.account_id = :accountId)\n   AND (:afterAssignedAt::timestamptz IS NULL OR (a.assigned_at, a.id) < (:afterAssignedAt, :afterId::bigint))\n ORDER BY a.assigned_at DESC, a.id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.*, p.name AS plan_name
 *   FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id
 *  WHERE a.ledger = :ledger! AND a.unassigned_at IS NULL
 *    AND (:planId::uuid IS NULL OR a.plan_id = :planId)
 *    AND (:accountId::uuid IS NULL OR a.account_id = :accountId)
 *    AND (:afterAssignedAt::timestamptz IS NULL OR (a.assigned_at, a.id) < (:afterAssignedAt, :afterId::bigint))
 *  ORDER BY a.assigned_at DESC, a.id DESC
 *  LIMIT :limit!
 * ```
 */
export const listAssignments = new PreparedQuery<IListAssignmentsParams,IListAssignmentsResult>(listAssignmentsIR);


/** 'AssignmentsAt' parameters type */
export interface IAssignmentsAtParams {
  accountIds: stringArray;
  at: DateOrString;
  ledger: string;
}

/** 'AssignmentsAt' return type */
export interface IAssignmentsAtResult {
  account_code: string;
  account_id: string;
  basis: string;
  currency: string;
  fixed_fee: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  normal_balance: string;
  period: string;
  plan_id: string;
  rate_bps: number;
}

/** 'AssignmentsAt' query type */
export interface IAssignmentsAtQuery {
  params: IAssignmentsAtParams;
  result: IAssignmentsAtResult;
}

const assignmentsAtIR: any = {"usedParamSet":{"accountIds":true,"ledger":true,"at":true},"params":[{"name":"accountIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":254,"b":265}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":291,"b":298}]},{"name":"at","required":true,"transform":{"type":"scalar"},"locs":[{"a":324,"b":327},{"a":379,"b":382}]}],"statement":"SELECT a.account_id, a.account_code, a.normal_balance, a.currency, a.plan_id,\n       p.fixed_fee, p.rate_bps, p.minimum_fee, p.maximum_fee, p.basis, p.period\n  FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id\n WHERE a.account_id = ANY(:accountIds!::uuid[]) AND a.ledger = :ledger!\n   AND a.assigned_at <= :at! AND (a.unassigned_at IS NULL OR a.unassigned_at > :at!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.account_id, a.account_code, a.normal_balance, a.currency, a.plan_id,
 *        p.fixed_fee, p.rate_bps, p.minimum_fee, p.maximum_fee, p.basis, p.period
 *   FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id
 *  WHERE a.account_id = ANY(:accountIds!::uuid[]) AND a.ledger = :ledger!
 *    AND a.assigned_at <= :at! AND (a.unassigned_at IS NULL OR a.unassigned_at > :at!)
 * ```
 */
export const assignmentsAt = new PreparedQuery<IAssignmentsAtParams,IAssignmentsAtResult>(assignmentsAtIR);


