/** Types generated for queries found in "services/billing/src/db/events.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** 'ClaimEvent' parameters type */
export interface IClaimEventParams {
  eventId: string;
  eventType: string;
}

/** 'ClaimEvent' return type */
export interface IClaimEventResult {
  event_id: string;
}

/** 'ClaimEvent' query type */
export interface IClaimEventQuery {
  params: IClaimEventParams;
  result: IClaimEventResult;
}

const claimEventIR: any = {"usedParamSet":{"eventId":true,"eventType":true},"params":[{"name":"eventId","required":true,"transform":{"type":"scalar"},"locs":[{"a":68,"b":76}]},{"name":"eventType","required":true,"transform":{"type":"scalar"},"locs":[{"a":79,"b":89}]}],"statement":"INSERT INTO billing.processed_events (event_id, event_type) VALUES (:eventId!, :eventType!)\nON CONFLICT (event_id) DO NOTHING\nRETURNING event_id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.processed_events (event_id, event_type) VALUES (:eventId!, :eventType!)
 * ON CONFLICT (event_id) DO NOTHING
 * RETURNING event_id
 * ```
 */
export const claimEvent = new PreparedQuery<IClaimEventParams,IClaimEventResult>(claimEventIR);


/** 'AddConsumerFigures' parameters type */
export interface IAddConsumerFiguresParams {
  accruals: bigint;
  events: bigint;
  groupId: string;
  lastEventAt?: DateOrString | null | void;
}

/** 'AddConsumerFigures' return type */
export type IAddConsumerFiguresResult = void;

/** 'AddConsumerFigures' query type */
export interface IAddConsumerFiguresQuery {
  params: IAddConsumerFiguresParams;
  result: IAddConsumerFiguresResult;
}

const addConsumerFiguresIR: any = {"usedParamSet":{"groupId":true,"events":true,"accruals":true,"lastEventAt":true},"params":[{"name":"groupId","required":true,"transform":{"type":"scalar"},"locs":[{"a":97,"b":105}]},{"name":"events","required":true,"transform":{"type":"scalar"},"locs":[{"a":108,"b":115}]},{"name":"accruals","required":true,"transform":{"type":"scalar"},"locs":[{"a":118,"b":127}]},{"name":"lastEventAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":130,"b":141}]}],"statement":"INSERT INTO billing.consumer_state (group_id, events_processed, accruals, last_event_at)\nVALUES (:groupId!, :events!, :accruals!, :lastEventAt)\nON CONFLICT (group_id) DO UPDATE\n   SET events_processed = billing.consumer_state.events_processed + EXCLUDED.events_processed,\n       accruals = billing.consumer_state.accruals + EXCLUDED.accruals,\n       last_event_at = greatest(billing.consumer_state.last_event_at, EXCLUDED.last_event_at),\n       updated_at = now()"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.consumer_state (group_id, events_processed, accruals, last_event_at)
 * VALUES (:groupId!, :events!, :accruals!, :lastEventAt)
 * ON CONFLICT (group_id) DO UPDATE
 *    SET events_processed = billing.consumer_state.events_processed + EXCLUDED.events_processed,
 *        accruals = billing.consumer_state.accruals + EXCLUDED.accruals,
 *        last_event_at = greatest(billing.consumer_state.last_event_at, EXCLUDED.last_event_at),
 *        updated_at = now()
 * ```
 */
export const addConsumerFigures = new PreparedQuery<IAddConsumerFiguresParams,IAddConsumerFiguresResult>(addConsumerFiguresIR);


/** 'GetConsumerFigures' parameters type */
export interface IGetConsumerFiguresParams {
  groupId: string;
}

/** 'GetConsumerFigures' return type */
export interface IGetConsumerFiguresResult {
  accruals: bigint;
  events_processed: bigint;
  group_id: string;
  last_event_at: Date | null;
  updated_at: Date;
}

/** 'GetConsumerFigures' query type */
export interface IGetConsumerFiguresQuery {
  params: IGetConsumerFiguresParams;
  result: IGetConsumerFiguresResult;
}

const getConsumerFiguresIR: any = {"usedParamSet":{"groupId":true},"params":[{"name":"groupId","required":true,"transform":{"type":"scalar"},"locs":[{"a":54,"b":62}]}],"statement":"SELECT * FROM billing.consumer_state WHERE group_id = :groupId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.consumer_state WHERE group_id = :groupId!
 * ```
 */
export const getConsumerFigures = new PreparedQuery<IGetConsumerFiguresParams,IGetConsumerFiguresResult>(getConsumerFiguresIR);


/** 'RecordDeadLetter' parameters type */
export interface IRecordDeadLetterParams {
  attempts: number;
  error: string;
  eventId?: string | null | void;
  eventType?: string | null | void;
  headers: Json;
  key: string;
  offset: string;
  partition: number;
  topic: string;
  value: Buffer;
}

/** 'RecordDeadLetter' return type */
export interface IRecordDeadLetterResult {
  id: bigint;
}

/** 'RecordDeadLetter' query type */
export interface IRecordDeadLetterQuery {
  params: IRecordDeadLetterParams;
  result: IRecordDeadLetterResult;
}

const recordDeadLetterIR: any = {"usedParamSet":{"eventId":true,"eventType":true,"topic":true,"partition":true,"offset":true,"key":true,"value":true,"headers":true,"error":true,"attempts":true},"params":[{"name":"eventId","required":false,"transform":{"type":"scalar"},"locs":[{"a":131,"b":138},{"a":438,"b":445}]},{"name":"eventType","required":false,"transform":{"type":"scalar"},"locs":[{"a":141,"b":150}]},{"name":"topic","required":true,"transform":{"type":"scalar"},"locs":[{"a":153,"b":159},{"a":320,"b":326}]},{"name":"partition","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":172},{"a":346,"b":356}]},{"name":"offset","required":true,"transform":{"type":"scalar"},"locs":[{"a":175,"b":182},{"a":373,"b":380}]},{"name":"key","required":true,"transform":{"type":"scalar"},"locs":[{"a":185,"b":189}]},{"name":"value","required":true,"transform":{"type":"scalar"},"locs":[{"a":192,"b":198}]},{"name":"headers","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":209}]},{"name":"error","required":true,"transform":{"type":"scalar"},"locs":[{"a":212,"b":218}]},{"name":"attempts","required":true,"transform":{"type":"scalar"},"locs":[{"a":221,"b":230}]}],"statement":"INSERT INTO billing.dead_letters (event_id, event_type, topic, \"partition\", \"offset\", key, value, headers, error, attempts)\nSELECT :eventId, :eventType, :topic!, :partition!, :offset!, :key!, :value!, :headers!, :error!, :attempts!\n WHERE NOT EXISTS (SELECT 1 FROM billing.dead_letters\n                    WHERE topic = :topic! AND \"partition\" = :partition! AND \"offset\" = :offset!\n                      AND event_id IS NOT DISTINCT FROM :eventId::text)\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO billing.dead_letters (event_id, event_type, topic, "partition", "offset", key, value, headers, error, attempts)
 * SELECT :eventId, :eventType, :topic!, :partition!, :offset!, :key!, :value!, :headers!, :error!, :attempts!
 *  WHERE NOT EXISTS (SELECT 1 FROM billing.dead_letters
 *                     WHERE topic = :topic! AND "partition" = :partition! AND "offset" = :offset!
 *                       AND event_id IS NOT DISTINCT FROM :eventId::text)
 * RETURNING id
 * ```
 */
export const recordDeadLetter = new PreparedQuery<IRecordDeadLetterParams,IRecordDeadLetterResult>(recordDeadLetterIR);


/** 'CountPendingDeadLetters' parameters type */
export type ICountPendingDeadLettersParams = void;

/** 'CountPendingDeadLetters' return type */
export interface ICountPendingDeadLettersResult {
  pending: bigint | null;
}

/** 'CountPendingDeadLetters' query type */
export interface ICountPendingDeadLettersQuery {
  params: ICountPendingDeadLettersParams;
  result: ICountPendingDeadLettersResult;
}

const countPendingDeadLettersIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT count(*) AS pending FROM billing.dead_letters WHERE status = 'pending'"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*) AS pending FROM billing.dead_letters WHERE status = 'pending'
 * ```
 */
export const countPendingDeadLetters = new PreparedQuery<ICountPendingDeadLettersParams,ICountPendingDeadLettersResult>(countPendingDeadLettersIR);


/** 'ListDeadLetters' parameters type */
export interface IListDeadLettersParams {
  beforeId?: bigint | null | void;
  limit: bigint;
  status?: string | null | void;
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

const listDeadLettersIR: any = {"usedParamSet":{"status":true,"beforeId":true,"limit":true},"params":[{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":175,"b":181},{"a":209,"b":215}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":226,"b":234},{"a":260,"b":268}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":296,"b":302}]}],"statement":"SELECT id, event_id, event_type, topic, \"partition\", \"offset\", key, headers, error, attempts, status, created_at, resolved_at, resolved_by\n  FROM billing.dead_letters\n WHERE (:status::text IS NULL OR status = :status)\n   AND (:beforeId::bigint IS NULL OR id < :beforeId)\n ORDER BY id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, event_id, event_type, topic, "partition", "offset", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
 *   FROM billing.dead_letters
 *  WHERE (:status::text IS NULL OR status = :status)
 *    AND (:beforeId::bigint IS NULL OR id < :beforeId)
 *  ORDER BY id DESC
 *  LIMIT :limit!
 * ```
 */
export const listDeadLetters = new PreparedQuery<IListDeadLettersParams,IListDeadLettersResult>(listDeadLettersIR);


/** 'LockDeadLetter' parameters type */
export interface ILockDeadLetterParams {
  id: bigint;
}

/** 'LockDeadLetter' return type */
export interface ILockDeadLetterResult {
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

/** 'LockDeadLetter' query type */
export interface ILockDeadLetterQuery {
  params: ILockDeadLetterParams;
  result: ILockDeadLetterResult;
}

const lockDeadLetterIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":46,"b":49}]}],"statement":"SELECT * FROM billing.dead_letters WHERE id = :id! FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT * FROM billing.dead_letters WHERE id = :id! FOR UPDATE
 * ```
 */
export const lockDeadLetter = new PreparedQuery<ILockDeadLetterParams,ILockDeadLetterResult>(lockDeadLetterIR);


/** 'ResolveDeadLetter' parameters type */
export interface IResolveDeadLetterParams {
  by: string;
  id: bigint;
  status: string;
}

/** 'ResolveDeadLetter' return type */
export interface IResolveDeadLetterResult {
  id: bigint;
}

/** 'ResolveDeadLetter' query type */
export interface IResolveDeadLetterQuery {
  params: IResolveDeadLetterParams;
  result: IResolveDeadLetterResult;
}

const resolveDeadLetterIR: any = {"usedParamSet":{"status":true,"by":true,"id":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":48}]},{"name":"by","required":true,"transform":{"type":"scalar"},"locs":[{"a":86,"b":89}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":103,"b":106}]}],"statement":"UPDATE billing.dead_letters SET status = :status!, resolved_at = now(), resolved_by = :by!\n WHERE id = :id! AND status = 'pending'\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE billing.dead_letters SET status = :status!, resolved_at = now(), resolved_by = :by!
 *  WHERE id = :id! AND status = 'pending'
 * RETURNING id
 * ```
 */
export const resolveDeadLetter = new PreparedQuery<IResolveDeadLetterParams,IResolveDeadLetterResult>(resolveDeadLetterIR);


