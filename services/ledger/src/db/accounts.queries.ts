/** Types generated for queries found in "services/ledger/src/db/accounts.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type stringArray = (string)[];

/** 'EnsureLedger' parameters type */
export interface IEnsureLedgerParams {
  ledger: string;
}

/** 'EnsureLedger' return type */
export type IEnsureLedgerResult = void;

/** 'EnsureLedger' query type */
export interface IEnsureLedgerQuery {
  params: IEnsureLedgerParams;
  result: IEnsureLedgerResult;
}

const ensureLedgerIR: any = {"usedParamSet":{"ledger":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":42,"b":49}]}],"statement":"INSERT INTO ledger.ledgers (name) VALUES (:ledger!) ON CONFLICT (name) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO ledger.ledgers (name) VALUES (:ledger!) ON CONFLICT (name) DO NOTHING
 * ```
 */
export const ensureLedger = new PreparedQuery<IEnsureLedgerParams,IEnsureLedgerResult>(ensureLedgerIR);


/** 'InsertAccount' parameters type */
export interface IInsertAccountParams {
  allowOverdraft: boolean;
  code: string;
  currency: string;
  id: string;
  ledger: string;
  metadata: Json;
  normalBalance: string;
  overdraftLimit?: string | null | void;
}

/** 'InsertAccount' return type */
export interface IInsertAccountResult {
  id: string;
}

/** 'InsertAccount' query type */
export interface IInsertAccountQuery {
  params: IInsertAccountParams;
  result: IInsertAccountResult;
}

const insertAccountIR: any = {"usedParamSet":{"id":true,"ledger":true,"code":true,"currency":true,"normalBalance":true,"allowOverdraft":true,"overdraftLimit":true,"metadata":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":125,"b":128}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":131,"b":138}]},{"name":"code","required":true,"transform":{"type":"scalar"},"locs":[{"a":141,"b":146}]},{"name":"currency","required":true,"transform":{"type":"scalar"},"locs":[{"a":149,"b":158}]},{"name":"normalBalance","required":true,"transform":{"type":"scalar"},"locs":[{"a":161,"b":175}]},{"name":"allowOverdraft","required":true,"transform":{"type":"scalar"},"locs":[{"a":178,"b":193}]},{"name":"overdraftLimit","required":false,"transform":{"type":"scalar"},"locs":[{"a":196,"b":210}]},{"name":"metadata","required":true,"transform":{"type":"scalar"},"locs":[{"a":213,"b":222}]}],"statement":"INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata)\nVALUES (:id!, :ledger!, :code!, :currency!, :normalBalance!, :allowOverdraft!, :overdraftLimit, :metadata!)\nON CONFLICT (ledger, code) DO NOTHING\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata)
 * VALUES (:id!, :ledger!, :code!, :currency!, :normalBalance!, :allowOverdraft!, :overdraftLimit, :metadata!)
 * ON CONFLICT (ledger, code) DO NOTHING
 * RETURNING id
 * ```
 */
export const insertAccount = new PreparedQuery<IInsertAccountParams,IInsertAccountResult>(insertAccountIR);


/** 'GetAccountById' parameters type */
export interface IGetAccountByIdParams {
  id: string;
  ledger: string;
}

/** 'GetAccountById' return type */
export interface IGetAccountByIdResult {
  allow_overdraft: boolean;
  code: string;
  created_at: Date;
  currency: string;
  id: string;
  ledger: string;
  metadata: Json;
  normal_balance: string;
  overdraft_limit: string | null;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
  updated_at: Date;
  version: bigint;
}

/** 'GetAccountById' query type */
export interface IGetAccountByIdQuery {
  params: IGetAccountByIdParams;
  result: IGetAccountByIdResult;
}

const getAccountByIdIR: any = {"usedParamSet":{"ledger":true,"id":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":183,"b":190}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":203,"b":206}]}],"statement":"SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version\n  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id\n WHERE a.ledger = :ledger! AND a.id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
 *   FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 *  WHERE a.ledger = :ledger! AND a.id = :id!
 * ```
 */
export const getAccountById = new PreparedQuery<IGetAccountByIdParams,IGetAccountByIdResult>(getAccountByIdIR);


/** 'GetAccountByCode' parameters type */
export interface IGetAccountByCodeParams {
  code: string;
  ledger: string;
}

/** 'GetAccountByCode' return type */
export interface IGetAccountByCodeResult {
  allow_overdraft: boolean;
  code: string;
  created_at: Date;
  currency: string;
  id: string;
  ledger: string;
  metadata: Json;
  normal_balance: string;
  overdraft_limit: string | null;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
  updated_at: Date;
  version: bigint;
}

/** 'GetAccountByCode' query type */
export interface IGetAccountByCodeQuery {
  params: IGetAccountByCodeParams;
  result: IGetAccountByCodeResult;
}

const getAccountByCodeIR: any = {"usedParamSet":{"ledger":true,"code":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":183,"b":190}]},{"name":"code","required":true,"transform":{"type":"scalar"},"locs":[{"a":205,"b":210}]}],"statement":"SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version\n  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id\n WHERE a.ledger = :ledger! AND a.code = :code!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
 *   FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 *  WHERE a.ledger = :ledger! AND a.code = :code!
 * ```
 */
export const getAccountByCode = new PreparedQuery<IGetAccountByCodeParams,IGetAccountByCodeResult>(getAccountByCodeIR);


/** 'ListAccounts' parameters type */
export interface IListAccountsParams {
  afterCode?: string | null | void;
  codePrefix?: string | null | void;
  currency?: string | null | void;
  ledger: string;
  limit: bigint;
  metadata?: Json | null | void;
}

/** 'ListAccounts' return type */
export interface IListAccountsResult {
  allow_overdraft: boolean;
  code: string;
  created_at: Date;
  currency: string;
  id: string;
  ledger: string;
  metadata: Json;
  normal_balance: string;
  overdraft_limit: string | null;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
  updated_at: Date;
  version: bigint;
}

/** 'ListAccounts' query type */
export interface IListAccountsQuery {
  params: IListAccountsParams;
  result: IListAccountsResult;
}

const listAccountsIR: any = {"usedParamSet":{"ledger":true,"currency":true,"codePrefix":true,"metadata":true,"afterCode":true,"limit":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":183,"b":190}]},{"name":"currency","required":false,"transform":{"type":"scalar"},"locs":[{"a":200,"b":208},{"a":240,"b":248}]},{"name":"codePrefix","required":false,"transform":{"type":"scalar"},"locs":[{"a":259,"b":269},{"a":308,"b":318}]},{"name":"metadata","required":false,"transform":{"type":"scalar"},"locs":[{"a":330,"b":338},{"a":372,"b":380}]},{"name":"afterCode","required":false,"transform":{"type":"scalar"},"locs":[{"a":391,"b":400},{"a":428,"b":437}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":464,"b":470}]}],"statement":"SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version\n  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id\n WHERE a.ledger = :ledger!\n   AND (:currency::text IS NULL OR a.currency = :currency)\n   AND (:codePrefix::text IS NULL OR starts_with(a.code, :codePrefix))\n   AND (:metadata::jsonb IS NULL OR a.metadata @> :metadata)\n   AND (:afterCode::text IS NULL OR a.code > :afterCode)\n ORDER BY a.code\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
 *   FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 *  WHERE a.ledger = :ledger!
 *    AND (:currency::text IS NULL OR a.currency = :currency)
 *    AND (:codePrefix::text IS NULL OR starts_with(a.code, :codePrefix))
 *    AND (:metadata::jsonb IS NULL OR a.metadata @> :metadata)
 *    AND (:afterCode::text IS NULL OR a.code > :afterCode)
 *  ORDER BY a.code
 *  LIMIT :limit!
 * ```
 */
export const listAccounts = new PreparedQuery<IListAccountsParams,IListAccountsResult>(listAccountsIR);


/** 'UpdateAccountPolicy' parameters type */
export interface IUpdateAccountPolicyParams {
  allowOverdraft: boolean;
  id: string;
  ledger: string;
  metadata: Json;
  overdraftLimit?: string | null | void;
}

/** 'UpdateAccountPolicy' return type */
export interface IUpdateAccountPolicyResult {
  id: string;
}

/** 'UpdateAccountPolicy' query type */
export interface IUpdateAccountPolicyQuery {
  params: IUpdateAccountPolicyParams;
  result: IUpdateAccountPolicyResult;
}

const updateAccountPolicyIR: any = {"usedParamSet":{"allowOverdraft":true,"overdraftLimit":true,"metadata":true,"ledger":true,"id":true},"params":[{"name":"allowOverdraft","required":true,"transform":{"type":"scalar"},"locs":[{"a":48,"b":63}]},{"name":"overdraftLimit","required":false,"transform":{"type":"scalar"},"locs":[{"a":84,"b":98}]},{"name":"metadata","required":true,"transform":{"type":"scalar"},"locs":[{"a":112,"b":121}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":139,"b":146}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":157,"b":160}]}],"statement":"UPDATE ledger.accounts\n   SET allow_overdraft = :allowOverdraft!, overdraft_limit = :overdraftLimit, metadata = :metadata!\n WHERE ledger = :ledger! AND id = :id!\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE ledger.accounts
 *    SET allow_overdraft = :allowOverdraft!, overdraft_limit = :overdraftLimit, metadata = :metadata!
 *  WHERE ledger = :ledger! AND id = :id!
 * RETURNING id
 * ```
 */
export const updateAccountPolicy = new PreparedQuery<IUpdateAccountPolicyParams,IUpdateAccountPolicyResult>(updateAccountPolicyIR);


/** 'LockAccounts' parameters type */
export interface ILockAccountsParams {
  ids: stringArray;
}

/** 'LockAccounts' return type */
export interface ILockAccountsResult {
  allow_overdraft: boolean;
  code: string;
  currency: string;
  id: string;
  ledger: string;
  normal_balance: string;
  overdraft_limit: string | null;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
  version: bigint;
}

/** 'LockAccounts' query type */
export interface ILockAccountsQuery {
  params: ILockAccountsParams;
  result: ILockAccountsResult;
}

const lockAccountsIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":395,"b":399}]}],"statement":"SELECT id AS \"id!\", ledger AS \"ledger!\", code AS \"code!\", currency AS \"currency!\", normal_balance AS \"normal_balance!\",\n       allow_overdraft AS \"allow_overdraft!\", overdraft_limit, posted_debits AS \"posted_debits!\",\n       posted_credits AS \"posted_credits!\", pending_debits AS \"pending_debits!\", pending_credits AS \"pending_credits!\",\n       version AS \"version!\"\n  FROM ledger.lock_accounts(:ids!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id AS "id!", ledger AS "ledger!", code AS "code!", currency AS "currency!", normal_balance AS "normal_balance!",
 *        allow_overdraft AS "allow_overdraft!", overdraft_limit, posted_debits AS "posted_debits!",
 *        posted_credits AS "posted_credits!", pending_debits AS "pending_debits!", pending_credits AS "pending_credits!",
 *        version AS "version!"
 *   FROM ledger.lock_accounts(:ids!::uuid[])
 * ```
 */
export const lockAccounts = new PreparedQuery<ILockAccountsParams,ILockAccountsResult>(lockAccountsIR);


/** 'ResolveAccountCodes' parameters type */
export interface IResolveAccountCodesParams {
  codes: stringArray;
  ledger: string;
}

/** 'ResolveAccountCodes' return type */
export interface IResolveAccountCodesResult {
  code: string;
  id: string;
}

/** 'ResolveAccountCodes' query type */
export interface IResolveAccountCodesQuery {
  params: IResolveAccountCodesParams;
  result: IResolveAccountCodesResult;
}

const resolveAccountCodesIR: any = {"usedParamSet":{"ledger":true,"codes":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":59}]},{"name":"codes","required":true,"transform":{"type":"scalar"},"locs":[{"a":76,"b":82}]}],"statement":"SELECT id, code FROM ledger.accounts WHERE ledger = :ledger! AND code = ANY(:codes!::text[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, code FROM ledger.accounts WHERE ledger = :ledger! AND code = ANY(:codes!::text[])
 * ```
 */
export const resolveAccountCodes = new PreparedQuery<IResolveAccountCodesParams,IResolveAccountCodesResult>(resolveAccountCodesIR);


/** 'GetBalanceAsOf' parameters type */
export interface IGetBalanceAsOfParams {
  accountId: string;
  asOf: DateOrString;
}

/** 'GetBalanceAsOf' return type */
export interface IGetBalanceAsOfResult {
  account_version: bigint;
  applied_at: Date;
  pending_credits: string;
  pending_debits: string;
  posted_credits: string;
  posted_debits: string;
}

/** 'GetBalanceAsOf' query type */
export interface IGetBalanceAsOfQuery {
  params: IGetBalanceAsOfParams;
  result: IGetBalanceAsOfResult;
}

const getBalanceAsOfIR: any = {"usedParamSet":{"accountId":true,"asOf":true},"params":[{"name":"accountId","required":true,"transform":{"type":"scalar"},"locs":[{"a":141,"b":151}]},{"name":"asOf","required":true,"transform":{"type":"scalar"},"locs":[{"a":171,"b":176}]}],"statement":"SELECT posted_debits, posted_credits, pending_debits, pending_credits, account_version, applied_at\n  FROM ledger.entries\n WHERE account_id = :accountId! AND applied_at <= :asOf!\n ORDER BY applied_at DESC, account_version DESC\n LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT posted_debits, posted_credits, pending_debits, pending_credits, account_version, applied_at
 *   FROM ledger.entries
 *  WHERE account_id = :accountId! AND applied_at <= :asOf!
 *  ORDER BY applied_at DESC, account_version DESC
 *  LIMIT 1
 * ```
 */
export const getBalanceAsOf = new PreparedQuery<IGetBalanceAsOfParams,IGetBalanceAsOfResult>(getBalanceAsOfIR);


