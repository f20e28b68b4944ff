/** Types generated for queries found in "services/admin-api/src/db/audit.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type stringArray = (string)[];

/** 'InsertAuditEntry' parameters type */
export interface IInsertAuditEntryParams {
  action: string;
  actorEmail: string;
  actorName: string;
  actorSubject: string;
  authentication: string;
  clientIp: string;
  detail: string;
  ledger: string;
  requestId: string;
  result: string;
  role: string;
  target: string;
}

/** 'InsertAuditEntry' return type */
export type IInsertAuditEntryResult = void;

/** 'InsertAuditEntry' query type */
export interface IInsertAuditEntryQuery {
  params: IInsertAuditEntryParams;
  result: IInsertAuditEntryResult;
}

const insertAuditEntryIR: any = {"usedParamSet":{"actorSubject":true,"actorEmail":true,"actorName":true,"role":true,"ledger":true,"authentication":true,"action":true,"target":true,"requestId":true,"result":true,"detail":true,"clientIp":true},"params":[{"name":"actorSubject","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":175}]},{"name":"actorEmail","required":true,"transform":{"type":"scalar"},"locs":[{"a":178,"b":189}]},{"name":"actorName","required":true,"transform":{"type":"scalar"},"locs":[{"a":192,"b":202}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":205,"b":210}]},{"name":"ledger","required":true,"transform":{"type":"scalar"},"locs":[{"a":213,"b":220}]},{"name":"authentication","required":true,"transform":{"type":"scalar"},"locs":[{"a":223,"b":238}]},{"name":"action","required":true,"transform":{"type":"scalar"},"locs":[{"a":241,"b":248}]},{"name":"target","required":true,"transform":{"type":"scalar"},"locs":[{"a":251,"b":258}]},{"name":"requestId","required":true,"transform":{"type":"scalar"},"locs":[{"a":261,"b":271}]},{"name":"result","required":true,"transform":{"type":"scalar"},"locs":[{"a":274,"b":281}]},{"name":"detail","required":true,"transform":{"type":"scalar"},"locs":[{"a":284,"b":291}]},{"name":"clientIp","required":true,"transform":{"type":"scalar"},"locs":[{"a":294,"b":303}]}],"statement":"INSERT INTO admin.audit_log (actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip)\nVALUES (:actorSubject!, :actorEmail!, :actorName!, :role!, :ledger!, :authentication!, :action!, :target!, :requestId!, :result!, :detail!, :clientIp!)"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.audit_log (actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip)
 * VALUES (:actorSubject!, :actorEmail!, :actorName!, :role!, :ledger!, :authentication!, :action!, :target!, :requestId!, :result!, :detail!, :clientIp!)
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
  ledgers: stringArray;
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
  ledger: string;
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

const listAuditEntriesIR: any = {"usedParamSet":{"ledgers":true,"actor":true,"action":true,"target":true,"result":true,"after":true,"before":true,"beforeId":true,"limit":true},"params":[{"name":"ledgers","required":true,"transform":{"type":"scalar"},"locs":[{"a":181,"b":189},{"a":235,"b":243}]},{"name":"actor","required":false,"transform":{"type":"scalar"},"locs":[{"a":264,"b":269},{"a":304,"b":309},{"a":328,"b":333}]},{"name":"action","required":false,"transform":{"type":"scalar"},"locs":[{"a":344,"b":350},{"a":378,"b":384}]},{"name":"target","required":false,"transform":{"type":"scalar"},"locs":[{"a":395,"b":401},{"a":429,"b":435}]},{"name":"result","required":false,"transform":{"type":"scalar"},"locs":[{"a":446,"b":452},{"a":480,"b":486}]},{"name":"after","required":false,"transform":{"type":"scalar"},"locs":[{"a":497,"b":502},{"a":534,"b":539}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":550,"b":556},{"a":587,"b":593}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":604,"b":612},{"a":636,"b":644}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":672,"b":678}]}],"statement":"SELECT id, at, actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip\n  FROM admin.audit_log\n WHERE ('*' = ANY (:ledgers!::text[]) OR (ledger <> '' AND ledger = ANY (:ledgers!::text[])))\n   AND (:actor::text IS NULL OR actor_subject = :actor OR actor_email = :actor)\n   AND (:action::text IS NULL OR action = :action)\n   AND (:target::text IS NULL OR target = :target)\n   AND (:result::text IS NULL OR result = :result)\n   AND (:after::timestamptz IS NULL OR at >= :after)\n   AND (:before::timestamptz IS NULL OR at < :before)\n   AND (:beforeId::int8 IS NULL OR id < :beforeId)\n ORDER BY id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, at, actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip
 *   FROM admin.audit_log
 *  WHERE ('*' = ANY (:ledgers!::text[]) OR (ledger <> '' AND ledger = ANY (:ledgers!::text[])))
 *    AND (:actor::text IS NULL OR actor_subject = :actor OR actor_email = :actor)
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


