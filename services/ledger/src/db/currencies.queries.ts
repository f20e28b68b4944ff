/** Types generated for queries found in "services/ledger/src/db/currencies.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'ListCurrencies' parameters type */
export type IListCurrenciesParams = void;

/** 'ListCurrencies' return type */
export interface IListCurrenciesResult {
  code: string;
  scale: number;
}

/** 'ListCurrencies' query type */
export interface IListCurrenciesQuery {
  params: IListCurrenciesParams;
  result: IListCurrenciesResult;
}

const listCurrenciesIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT code, scale FROM ledger.currencies ORDER BY code"};

/**
 * Query generated from SQL:
 * ```
 * SELECT code, scale FROM ledger.currencies ORDER BY code
 * ```
 */
export const listCurrencies = new PreparedQuery<IListCurrenciesParams,IListCurrenciesResult>(listCurrenciesIR);


