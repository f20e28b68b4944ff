/** Types generated for queries found in "services/ledger/src/db/chain.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'ListChainLedgers' parameters type */
export interface IListChainLedgersParams {
  ledgersMax: bigint;
}

/** 'ListChainLedgers' return type */
export interface IListChainLedgersResult {
  ledger: string;
}

/** 'ListChainLedgers' query type */
export interface IListChainLedgersQuery {
  params: IListChainLedgersParams;
  result: IListChainLedgersResult;
}

const listChainLedgersIR: any = {"usedParamSet":{"ledgersMax":true},"params":[{"name":"ledgersMax","required":true,"transform":{"type":"scalar"},"locs":[{"a":117,"b":128}]}],"statement":"SELECT l.name AS \"ledger!\" FROM ledger.ledgers l\n UNION\nSELECT h.ledger FROM ledger.chain_heads h\n ORDER BY 1\n LIMIT :ledgersMax!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT l.name AS "ledger!" FROM ledger.ledgers l
 *  UNION
 * SELECT h.ledger FROM ledger.chain_heads h
 *  ORDER BY 1
 *  LIMIT :ledgersMax!
 * ```
 */
export const listChainLedgers = new PreparedQuery<IListChainLedgersParams,IListChainLedgersResult>(listChainLedgersIR);


/** 'VerifyChain' parameters type */
export interface IVerifyChainParams {
  afterPosition: bigint;
  ledger: string;
  linksMax: number;
}

/** 'VerifyChain' return type */
export interface IVerifyChainResult {
  broken_position: bigint | null;
  broken_transaction_id: string | null;
  expected_hash: string | null;
  head_position: bigint;
  ledger: string;
  links_checked: bigint;
  problem: string | null;
  stored_hash: string | null;
  verified_through: bigint;
}

/** 'VerifyChain' query type */
export interface IVerifyChainQuery {
  params: IVerifyChainParams;
  result: IVerifyChainResult;
}

const verifyChainIR: any = {"usedParamSet":{"ledger":true,"afterPosition":true,"linksMax":true},"params":[{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":249,"b":256}]},{"name":"afterPosition","required":true,"transform":{"type":"scalar"},"locs":[{"a":259,"b":273}]},{"name":"linksMax","required":true,"transform":{"type":"scalar"},"locs":[{"a":276,"b":285}]}],"statement":"SELECT ledger AS \"ledger!\", verified_through AS \"verified_through!\", links_checked AS \"links_checked!\",\n       head_position AS \"head_position!\", broken_position, broken_transaction_id, expected_hash, stored_hash, problem\n  FROM ledger.verify_chain(:ledger!, :afterPosition!, :linksMax!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT ledger AS "ledger!", verified_through AS "verified_through!", links_checked AS "links_checked!",
 *        head_position AS "head_position!", broken_position, broken_transaction_id, expected_hash, stored_hash, problem
 *   FROM ledger.verify_chain(:ledger!, :afterPosition!, :linksMax!)
 * ```
 */
export const verifyChain = new PreparedQuery<IVerifyChainParams,IVerifyChainResult>(verifyChainIR);


