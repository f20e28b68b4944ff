/** Types generated for queries found in "services/admin-api/src/db/status.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'GetOutboxStatus' parameters type */
export type IGetOutboxStatusParams = void;

/** 'GetOutboxStatus' return type */
export interface IGetOutboxStatusResult {
  backlog: bigint;
  last_published_at: Date | null;
  observed_at: Date;
  oldest_unpublished_age_seconds: number;
  published_last_5s: bigint;
  published_last_minute: bigint;
  published_total: bigint;
}

/** 'GetOutboxStatus' query type */
export interface IGetOutboxStatusQuery {
  params: IGetOutboxStatusParams;
  result: IGetOutboxStatusResult;
}

const getOutboxStatusIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT backlog, oldest_unpublished_age_seconds, published_last_5s, published_last_minute, last_published_at, published_total, observed_at\n  FROM events.outbox_status\n WHERE relay = 'outbox'"};

/**
 * Query generated from SQL:
 * ```
 * SELECT backlog, oldest_unpublished_age_seconds, published_last_5s, published_last_minute, last_published_at, published_total, observed_at
 *   FROM events.outbox_status
 *  WHERE relay = 'outbox'
 * ```
 */
export const getOutboxStatus = new PreparedQuery<IGetOutboxStatusParams,IGetOutboxStatusResult>(getOutboxStatusIR);


