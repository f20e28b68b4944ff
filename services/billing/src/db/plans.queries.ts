/** Types generated for queries found in "services/billing/src/db/plans.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

/** 'InsertPlan' parameters type */
export interface IInsertPlanParams {
  basis: string;
  currency: string;
  fixedFee: string;
  ledger: string;
  maximumFee?: string | null | void;
  minimumFee?: string | null | void;
  name: string;
  period: string;
  rateBps: number;
  revenueAccountCode: string;
  revenueAccountId: string;
}

/** 'InsertPlan' return type */
export interface IInsertPlanResult {
  basis: string;
  created_at: Date;
  currency: string;
  fixed_fee: string;
  id: string;
  ledger: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  name: string;
  period: string;
  rate_bps: number;
  revenue_account_code: string;
  revenue_account_id: string;
  status: string;
  updated_at: Date;
}

/** 'InsertPlan' query type */
export interface IInsertPlanQuery {
  params: IInsertPlanParams;
  result: IInsertPlanResult;
}

const insertPlanIR: any = {"usedParamSet":{"ledger":true,"name":true,"currency":true,"fixedFee":true,"rateBps":true,"minimumFee":true,"maximumFee":true,"basis":true,"period":true,"revenueAccountId":true,"revenueAccountCode":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":190,"b":197}]},{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":200,"b":205}]},{"name":"currency","required":true,"transform":{"type":"scalar"},"locs":[{"a":208,"b":217}]},{"name":"fixedFee","required":true,"transform":{"type":"scalar"},"locs":[{"a":220,"b":229}]},{"name":"rateBps","required":true,"transform":{"type":"scalar"},"locs":[{"a":232,"b":240}]},{"name":"minimumFee","required":false,"transform":{"type":"scalar"},"locs":[{"a":243,"b":253}]},{"name":"maximumFee","required":false,"transform":{"type":"scalar"},"locs":[{"a":256,"b":266}]},{"name":"basis","required":true,"transform":{"type":"scalar"},"locs":[{"a":269,"b":275}]},{"name":"period","required":true,"transform":{"type":"scalar"},"locs":[{"a":278,"b":285}]},{"name":"revenueAccountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":296,"b":313}]},{"name":"revenueAccountCode","required":true,"transform":{"type":"scalar"},"locs":[{"a":316,"b":335}]}],"statement":"INSERT INTO billing.plans (ledger, name, currency, fixed_fee, rate_bps, minimum_fee, maximum_fee, basis, period,\n                           revenue_account_id, revenue_account_code)\nVALUES (:ledger!, :name!, :currency!, :fixedFee!, :rateBps!, :minimumFee, :maximumFee, :basis!, :period!,\n        :revenueAccountId!, :revenueAccountCode!)\nON CONFLICT (ledger, name) DO NOTHING\nRETURNING *"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.plans (ledger, name, currency, fixed_fee, rate_bps, minimum_fee, maximum_fee, basis, period,
 *                            revenue_account_id, revenue_account_code)
 * VALUES (:ledger!, :name!, :currency!, :fixedFee!, :rateBps!, :minimumFee, :maximumFee, :basis!, :period!,
 *         :revenueAccountId!, :revenueAccountCode!)
 * ON CONFLICT (ledger, name) DO NOTHING
 * RETURNING *
 * ```
 */
export const insertPlan = new PreparedQuery<IInsertPlanParams,IInsertPlanResult>(insertPlanIR);


/** 'GetPlan' parameters type */
export interface IGetPlanParams {
  id: string;
}

/** 'GetPlan' return type */
export interface IGetPlanResult {
  basis: string;
  created_at: Date;
  currency: string;
  fixed_fee: string;
  id: string;
  ledger: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  name: string;
  period: string;
  rate_bps: number;
  revenue_account_code: string;
  revenue_account_id: string;
  status: string;
  updated_at: Date;
}

/** 'GetPlan' query type */
export interface IGetPlanQuery {
  params: IGetPlanParams;
  result: IGetPlanResult;
}

const getPlanIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":42}]}],"statement":"SELECT * FROM billing.plans WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.plans WHERE id = :id!
 * ```
 */
export const getPlan = new PreparedQuery<IGetPlanParams,IGetPlanResult>(getPlanIR);


/** 'LockPlan' parameters type */
export interface ILockPlanParams {
  id: string;
}

/** 'LockPlan' return type */
export interface ILockPlanResult {
  basis: string;
  created_at: Date;
  currency: string;
  fixed_fee: string;
  id: string;
  ledger: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  name: string;
  period: string;
  rate_bps: number;
  revenue_account_code: string;
  revenue_account_id: string;
  status: string;
  updated_at: Date;
}

/** 'LockPlan' query type */
export interface ILockPlanQuery {
  params: ILockPlanParams;
  result: ILockPlanResult;
}

const lockPlanIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":42}]}],"statement":"SELECT * FROM billing.plans WHERE id = :id! FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.plans WHERE id = :id! FOR UPDATE
 * ```
 */
export const lockPlan = new PreparedQuery<ILockPlanParams,ILockPlanResult>(lockPlanIR);


/** 'UpdatePlan' parameters type */
export interface IUpdatePlanParams {
  fixedFee: string;
  id: string;
  maximumFee?: string | null | void;
  minimumFee?: string | null | void;
  name: string;
  rateBps: number;
  status: string;
}

/** 'UpdatePlan' return type */
export interface IUpdatePlanResult {
  basis: string;
  created_at: Date;
  currency: string;
  fixed_fee: string;
  id: string;
  ledger: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  name: string;
  period: string;
  rate_bps: number;
  revenue_account_code: string;
  revenue_account_id: string;
  status: string;
  updated_at: Date;
}

/** 'UpdatePlan' query type */
export interface IUpdatePlanQuery {
  params: IUpdatePlanParams;
  result: IUpdatePlanResult;
}

const updatePlanIR: any = {"usedParamSet":{"name":true,"fixedFee":true,"rateBps":true,"minimumFee":true,"maximumFee":true,"status":true,"id":true},"params":[{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":35,"b":40}]},{"name":"fixedFee","required":true,"transform":{"type":"scalar"},"locs":[{"a":55,"b":64}]},{"name":"rateBps","required":true,"transform":{"type":"scalar"},"locs":[{"a":78,"b":86}]},{"name":"minimumFee","required":false,"transform":{"type":"scalar"},"locs":[{"a":103,"b":113}]},{"name":"maximumFee","required":false,"transform":{"type":"scalar"},"locs":[{"a":130,"b":140}]},{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":152,"b":159}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":173,"b":176}]}],"statement":"UPDATE billing.plans\n   SET name = :name!, fixed_fee = :fixedFee!, rate_bps = :rateBps!, minimum_fee = :minimumFee, maximum_fee = :maximumFee, status = :status!\n WHERE id = :id!\nRETURNING *"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.plans
 *    SET name = :name!, fixed_fee = :fixedFee!, rate_bps = :rateBps!, minimum_fee = :minimumFee, maximum_fee = :maximumFee, status = :status!
 *  WHERE id = :id!
 * RETURNING *
 * ```
 */
export const updatePlan = new PreparedQuery<IUpdatePlanParams,IUpdatePlanResult>(updatePlanIR);


/** 'PlanNameTaken' parameters type */
export interface IPlanNameTakenParams {
  id: string;
  ledger: string;
  name: string;
}

/** 'PlanNameTaken' return type */
export interface IPlanNameTakenResult {
  taken: number | null;
}

/** 'PlanNameTaken' query type */
export interface IPlanNameTakenQuery {
  params: IPlanNameTakenParams;
  result: IPlanNameTakenResult;
}

const planNameTakenIR: any = {"usedParamSet":{"ledger":true,"name":true,"id":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":59}]},{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":72,"b":77}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":89,"b":92}]}],"statement":"SELECT 1 AS taken FROM billing.plans WHERE ledger = :ledger! AND name = :name! AND id <> :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS taken FROM billing.plans WHERE ledger = :ledger! AND name = :name! AND id <> :id!
 * ```
 */
export const planNameTaken = new PreparedQuery<IPlanNameTakenParams,IPlanNameTakenResult>(planNameTakenIR);


/** 'ListPlans' parameters type */
export interface IListPlansParams {
  afterCreatedAt?: DateOrString | null | void;
  afterId?: string | null | void;
  ledger: string;
  limit: bigint;
  status?: string | null | void;
}

/** 'ListPlans' return type */
export interface IListPlansResult {
  basis: string;
  created_at: Date;
  currency: string;
  fixed_fee: string;
  id: string;
  ledger: string;
  maximum_fee: string | null;
  minimum_fee: string | null;
  name: string;
  period: string;
  rate_bps: number;
  revenue_account_code: string;
  revenue_account_id: string;
  status: string;
  updated_at: Date;
}

/** 'ListPlans' query type */
export interface IListPlansQuery {
  params: IListPlansParams;
  result: IListPlansResult;
}

const listPlansIR: any = {"usedParamSet":{"ledger":true,"status":true,"afterCreatedAt":true,"afterId":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":44,"b":51}]},{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":61,"b":67},{"a":95,"b":101}]},{"name":"afterCreatedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":112,"b":126},{"a":172,"b":186}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":189,"b":196}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":248,"b":254}]}],"statement":"SELECT * FROM billing.plans\n WHERE ledger = :ledger!\n   AND (:status::text IS NULL OR status = :status)\n   AND (:afterCreatedAt::timestamptz IS NULL OR (created_at, id) < (:afterCreatedAt, :afterId::uuid))\n ORDER BY created_at DESC, id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.plans
 *  WHERE ledger = :ledger!
 *    AND (:status::text IS NULL OR status = :status)
 *    AND (:afterCreatedAt::timestamptz IS NULL OR (created_at, id) < (:afterCreatedAt, :afterId::uuid))
 *  ORDER BY created_at DESC, id DESC
 *  LIMIT :limit!
 * ```
 */
export const listPlans = new PreparedQuery<IListPlansParams,IListPlansResult>(listPlansIR);


