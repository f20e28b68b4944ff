/** Types generated for queries found in "services/admin-api/src/db/audit.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

/** 'InsertAuditEntry' parameters type */
export interface IInsertAuditEntryParams {
  action: string;
  actorEmail: string;
  actorName: string;
  actorSubject: string;
  authentication: string;
  clientIp: string;
  detail: string;
  requestId: string;
  result: string;
  role: string;
  target: string;
}

/** 'InsertAuditEntry' return type */
export interface IInsertAuditEntryResult {
  id: bigint;
}

/** 'InsertAuditEntry' query type */
export interface IInsertAuditEntryQuery {
  params: IInsertAuditEntryParams;
  result: IInsertAuditEntryResult;
}

const insertAuditEntryIR: any = {"usedParamSet":{"actorSubject":true,"actorEmail":true,"actorName":true,"role":true,"authentication":true,"action":true,"target":true,"requestId":true,"result":true,"detail":true,"clientIp":true},"params":[{"name":"actorSubject","required":true,"transform":{"type":"scalar"},"locs":[{"a":154,"b":167}]},{"name":"actorEmail","required":true,"transform":{"type":"scalar"},"locs":[{"a":170,"b":181}]},{"name":"actorName","required":true,"transform":{"type":"scalar"},"locs":[{"a":184,"b":194}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":197,"b":202}]},{"name":"authentication","required":true,"transform":{"type":"scalar"},"locs":[{"a":205,"b":220}]},{"name":"action","required":true,"transform":{"type":"scalar"},"locs":[{"a":223,"b":230}]},{"name":"target","required":true,"transform":{"type":"scalar"},"locs":[{"a":233,"b":240}]},{"name":"requestId","required":true,"transform":{"type":"scalar"},"locs":[{"a":243,"b":253}]},{"name":"result","required":true,"transform":{"type":"scalar"},"locs":[{"a":256,"b":263}]},{"name":"detail","required":true,"transform":{"type":"scalar"},"locs":[{"a":266,"b":273}]},{"name":"clientIp","required":true,"transform":{"type":"scalar"},"locs":[{"a":276,"b":285}]}],"statement":"INSERT INTO admin.audit_log (actor_subject, actor_email, actor_name, role, authentication, action, target, request_id, result, detail, client_ip)\nVALUES (:actorSubject!, :actorEmail!, :actorName!, :role!, :authentication!, :action!, :target!, :requestId!, :result!, :detail!, :clientIp!)\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.audit_log (actor_subject, actor_email, actor_name, role, authentication, action, target, request_id, result, detail, client_ip)
 * VALUES (:actorSubject!, :actorEmail!, :actorName!, :role!, :authentication!, :action!, :target!, :requestId!, :result!, :detail!, :clientIp!)
 * RETURNING id
 * ```
 */
export const insertAuditEntry = new PreparedQuery<IInsertAuditEntryParams,IInsertAuditEntryResult>(insertAuditEntryIR);


/** 'ListAuditEntries' parameters type */
export interface IListAuditEntriesParams {
  action?: string | null | void;
  actor?: string | null | void;
  after?: DateOrString | null | void;
  before?: DateOrString | null | void;
  beforeId?: bigint | null | void;
  limit: bigint;
  result?: string | null | void;
  target?: string | null | void;
}

/** 'ListAuditEntries' return type */
export interface IListAuditEntriesResult {
  action: string;
  actor_email: string;
  actor_name: string;
  actor_subject: string;
  at: Date;
  authentication: string;
  client_ip: string;
  detail: string;
  id: bigint;
  request_id: string;
  result: string;
  role: string;
  target: string;
}

/** 'ListAuditEntries' query type */
export interface IListAuditEntriesQuery {
  params: IListAuditEntriesParams;
  result: IListAuditEntriesResult;
}

const listAuditEntriesIR: any = {"usedParamSet":{"actor":true,"action":true,"target":true,"result":true,"after":true,"before":true,"beforeId":true,"limit":true},"params":[{"name":"actor","required":false,"transform":{"type":"scalar"},"locs":[{"a":162,"b":167},{"a":202,"b":207},{"a":226,"b":231}]},{"name":"action","required":false,"transform":{"type":"scalar"},"locs":[{"a":242,"b":248},{"a":276,"b":282}]},{"name":"target","required":false,"transform":{"type":"scalar"},"locs":[{"a":293,"b":299},{"a":327,"b":333}]},{"name":"result","required":false,"transform":{"type":"scalar"},"locs":[{"a":344,"b":350},{"a":378,"b":384}]},{"name":"after","required":false,"transform":{"type":"scalar"},"locs":[{"a":395,"b":400},{"a":432,"b":437}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":448,"b":454},{"a":485,"b":491}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":502,"b":510},{"a":534,"b":542}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":570,"b":576}]}],"statement":"SELECT id, at, actor_subject, actor_email, actor_name, role, authentication, action, target, request_id, result, detail, client_ip\n  FROM admin.audit_log\n WHERE (:actor::text IS NULL OR actor_subject = :actor OR actor_email = :actor)\n   AND (:action::text IS NULL OR action = :action)\n   AND (:target::text IS NULL OR target = :target)\n   AND (:result::text IS NULL OR result = :result)\n   AND (:after::timestamptz IS NULL OR at >= :after)\n   AND (:before::timestamptz IS NULL OR at < :before)\n   AND (:beforeId::int8 IS NULL OR id < :beforeId)\n ORDER BY id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, at, actor_subject, actor_email, actor_name, role, authentication, action, target, request_id, result, detail, client_ip
 *   FROM admin.audit_log
 *  WHERE (:actor::text IS NULL OR actor_subject = :actor OR actor_email = :actor)
 *    AND (:action::text IS NULL OR action = :action)
 *    AND (:target::text IS NULL OR target = :target)
 *    AND (:result::text IS NULL OR result = :result)
 *    AND (:after::timestamptz IS NULL OR at >= :after)
 *    AND (:before::timestamptz IS NULL OR at < :before)
 *    AND (:beforeId::int8 IS NULL OR id < :beforeId)
 *  ORDER BY id DESC
 *  LIMIT :limit!
 * ```
 */
export const listAuditEntries = new PreparedQuery<IListAuditEntriesParams,IListAuditEntriesResult>(listAuditEntriesIR);


