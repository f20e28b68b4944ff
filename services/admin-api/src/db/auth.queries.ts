/** Types generated for queries found in "services/admin-api/src/db/auth.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type stringArray = (string)[];

/** 'InsertLoginAttempt' parameters type */
export interface IInsertLoginAttemptParams {
  codeVerifier: string;
  expiresAt: DateOrString;
  nonce: string;
  returnTo: string;
  stateHash: Buffer;
}

/** 'InsertLoginAttempt' return type */
export type IInsertLoginAttemptResult = void;

/** 'InsertLoginAttempt' query type */
export interface IInsertLoginAttemptQuery {
  params: IInsertLoginAttemptParams;
  result: IInsertLoginAttemptResult;
}

const insertLoginAttemptIR: any = {"usedParamSet":{"stateHash":true,"nonce":true,"codeVerifier":true,"returnTo":true,"expiresAt":true},"params":[{"name":"stateHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":99,"b":109}]},{"name":"nonce","required":true,"transform":{"type":"scalar"},"locs":[{"a":112,"b":118}]},{"name":"codeVerifier","required":true,"transform":{"type":"scalar"},"locs":[{"a":121,"b":134}]},{"name":"returnTo","required":true,"transform":{"type":"scalar"},"locs":[{"a":137,"b":146}]},{"name":"expiresAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":149,"b":159}]}],"statement":"INSERT INTO admin.login_attempts (state_hash, nonce, code_verifier, return_to, expires_at)\nVALUES (:stateHash!, :nonce!, :codeVerifier!, :returnTo!, :expiresAt!)"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.login_attempts (state_hash, nonce, code_verifier, return_to, expires_at)
 * VALUES (:stateHash!, :nonce!, :codeVerifier!, :returnTo!, :expiresAt!)
 * ```
 */
export const insertLoginAttempt = new PreparedQuery<IInsertLoginAttemptParams,IInsertLoginAttemptResult>(insertLoginAttemptIR);


/** 'TakeLoginAttempt' parameters type */
export interface ITakeLoginAttemptParams {
  stateHash: Buffer;
}

/** 'TakeLoginAttempt' return type */
export interface ITakeLoginAttemptResult {
  code_verifier: string;
  live: boolean;
  nonce: string;
  return_to: string;
}

/** 'TakeLoginAttempt' query type */
export interface ITakeLoginAttemptQuery {
  params: ITakeLoginAttemptParams;
  result: ITakeLoginAttemptResult;
}

const takeLoginAttemptIR: any = {"usedParamSet":{"stateHash":true},"params":[{"name":"stateHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":62}]}],"statement":"DELETE FROM admin.login_attempts WHERE state_hash = :stateHash!\nRETURNING nonce, code_verifier, return_to, expires_at > now() AS \"live!\""};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM admin.login_attempts WHERE state_hash = :stateHash!
 * RETURNING nonce, code_verifier, return_to, expires_at > now() AS "live!"
 * ```
 */
export const takeLoginAttempt = new PreparedQuery<ITakeLoginAttemptParams,ITakeLoginAttemptResult>(takeLoginAttemptIR);


/** 'InsertSession' parameters type */
export interface IInsertSessionParams {
  claimValues: stringArray;
  clientIp: string;
  csrfToken: string;
  email: string;
  expiresAt: DateOrString;
  idHash: Buffer;
  idleExpiresAt: DateOrString;
  issuer: string;
  name: string;
  subject: string;
  userAgent: string;
}

/** 'InsertSession' return type */
export interface IInsertSessionResult {
  created_at: Date;
  expires_at: Date;
  idle_expires_at: Date;
}

/** 'InsertSession' query type */
export interface IInsertSessionQuery {
  params: IInsertSessionParams;
  result: IInsertSessionResult;
}

const insertSessionIR: any = {"usedParamSet":{"idHash":true,"issuer":true,"subject":true,"email":true,"name":true,"claimValues":true,"csrfToken":true,"userAgent":true,"clientIp":true,"idleExpiresAt":true,"expiresAt":true},"params":[{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":153,"b":160}]},{"name":"issuer","required":true,"transform":{"type":"scalar"},"locs":[{"a":163,"b":170}]},{"name":"subject","required":true,"transform":{"type":"scalar"},"locs":[{"a":173,"b":181}]},{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":184,"b":190}]},{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":193,"b":198}]},{"name":"claimValues","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":213}]},{"name":"csrfToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":216,"b":226}]},{"name":"userAgent","required":true,"transform":{"type":"scalar"},"locs":[{"a":229,"b":239}]},{"name":"clientIp","required":true,"transform":{"type":"scalar"},"locs":[{"a":242,"b":251}]},{"name":"idleExpiresAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":254,"b":268}]},{"name":"expiresAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":271,"b":281}]}],"statement":"INSERT INTO admin.sessions (id_hash, issuer, subject, email, name, claim_values, csrf_token, user_agent, client_ip, idle_expires_at, expires_at)\nVALUES (:idHash!, :issuer!, :subject!, :email!, :name!, :claimValues!, :csrfToken!, :userAgent!, :clientIp!, :idleExpiresAt!, :expiresAt!)\nRETURNING created_at, expires_at, idle_expires_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.sessions (id_hash, issuer, subject, email, name, claim_values, csrf_token, user_agent, client_ip, idle_expires_at, expires_at)
 * VALUES (:idHash!, :issuer!, :subject!, :email!, :name!, :claimValues!, :csrfToken!, :userAgent!, :clientIp!, :idleExpiresAt!, :expiresAt!)
 * RETURNING created_at, expires_at, idle_expires_at
 * ```
 */
export const insertSession = new PreparedQuery<IInsertSessionParams,IInsertSessionResult>(insertSessionIR);


/** 'FindSession' parameters type */
export interface IFindSessionParams {
  graceSeconds: number;
  idHash: Buffer;
}

/** 'FindSession' return type */
export interface IFindSessionResult {
  claim_values: stringArray;
  created_at: Date;
  csrf_token: string;
  current: boolean;
  email: string;
  expires_at: Date;
  id_hash: Buffer;
  idle_expires_at: Date;
  issuer: string;
  last_seen_at: Date;
  name: string;
  rotated_at: Date;
  subject: string;
}

/** 'FindSession' query type */
export interface IFindSessionQuery {
  params: IFindSessionParams;
  result: IFindSessionResult;
}

const findSessionIR: any = {"usedParamSet":{"idHash":true,"graceSeconds":true},"params":[{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":156,"b":163},{"a":219,"b":226},{"a":251,"b":258}]},{"name":"graceSeconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":307,"b":320}]}],"statement":"SELECT id_hash, issuer, subject, email, name, claim_values, csrf_token, created_at, rotated_at, last_seen_at, idle_expires_at, expires_at,\n       id_hash = :idHash! AS \"current!\"\n  FROM admin.sessions\n WHERE (id_hash = :idHash! OR (previous_id_hash = :idHash! AND rotated_at > now() - make_interval(secs => :graceSeconds!)))\n   AND expires_at > now() AND idle_expires_at > now()"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id_hash, issuer, subject, email, name, claim_values, csrf_token, created_at, rotated_at, last_seen_at, idle_expires_at, expires_at,
 *        id_hash = :idHash! AS "current!"
 *   FROM admin.sessions
 *  WHERE (id_hash = :idHash! OR (previous_id_hash = :idHash! AND rotated_at > now() - make_interval(secs => :graceSeconds!)))
 *    AND expires_at > now() AND idle_expires_at > now()
 * ```
 */
export const findSession = new PreparedQuery<IFindSessionParams,IFindSessionResult>(findSessionIR);


/** 'TouchSession' parameters type */
export interface ITouchSessionParams {
  idHash: Buffer;
  idleSeconds: number;
}

/** 'TouchSession' return type */
export interface ITouchSessionResult {
  idle_expires_at: Date;
}

/** 'TouchSession' query type */
export interface ITouchSessionQuery {
  params: ITouchSessionParams;
  result: ITouchSessionResult;
}

const touchSessionIR: any = {"usedParamSet":{"idleSeconds":true,"idHash":true},"params":[{"name":"idleSeconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":102,"b":114}]},{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":147,"b":154}]}],"statement":"UPDATE admin.sessions SET last_seen_at = now(), idle_expires_at = least(now() + make_interval(secs => :idleSeconds!), expires_at)\n WHERE id_hash = :idHash!\nRETURNING idle_expires_at"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE admin.sessions SET last_seen_at = now(), idle_expires_at = least(now() + make_interval(secs => :idleSeconds!), expires_at)
 *  WHERE id_hash = :idHash!
 * RETURNING idle_expires_at
 * ```
 */
export const touchSession = new PreparedQuery<ITouchSessionParams,ITouchSessionResult>(touchSessionIR);


/** 'RotateSession' parameters type */
export interface IRotateSessionParams {
  idHash: Buffer;
  newIdHash: Buffer;
}

/** 'RotateSession' return type */
export interface IRotateSessionResult {
  rotated_at: Date;
}

/** 'RotateSession' query type */
export interface IRotateSessionQuery {
  params: IRotateSessionParams;
  result: IRotateSessionResult;
}

const rotateSessionIR: any = {"usedParamSet":{"newIdHash":true,"idHash":true},"params":[{"name":"newIdHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":64,"b":74}]},{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":113,"b":120}]}],"statement":"UPDATE admin.sessions SET previous_id_hash = id_hash, id_hash = :newIdHash!, rotated_at = now()\n WHERE id_hash = :idHash!\nRETURNING rotated_at"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE admin.sessions SET previous_id_hash = id_hash, id_hash = :newIdHash!, rotated_at = now()
 *  WHERE id_hash = :idHash!
 * RETURNING rotated_at
 * ```
 */
export const rotateSession = new PreparedQuery<IRotateSessionParams,IRotateSessionResult>(rotateSessionIR);


/** 'DeleteSession' parameters type */
export interface IDeleteSessionParams {
  idHash: Buffer;
}

/** 'DeleteSession' return type */
export interface IDeleteSessionResult {
  subject: string;
}

/** 'DeleteSession' query type */
export interface IDeleteSessionQuery {
  params: IDeleteSessionParams;
  result: IDeleteSessionResult;
}

const deleteSessionIR: any = {"usedParamSet":{"idHash":true},"params":[{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":43,"b":50},{"a":74,"b":81}]}],"statement":"DELETE FROM admin.sessions WHERE id_hash = :idHash! OR previous_id_hash = :idHash!\nRETURNING subject"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM admin.sessions WHERE id_hash = :idHash! OR previous_id_hash = :idHash!
 * RETURNING subject
 * ```
 */
export const deleteSession = new PreparedQuery<IDeleteSessionParams,IDeleteSessionResult>(deleteSessionIR);


/** 'PruneExpired' parameters type */
export type IPruneExpiredParams = void;

/** 'PruneExpired' return type */
export interface IPruneExpiredResult {
  attempts: bigint;
  sessions: bigint;
}

/** 'PruneExpired' query type */
export interface IPruneExpiredQuery {
  params: IPruneExpiredParams;
  result: IPruneExpiredResult;
}

const pruneExpiredIR: any = {"usedParamSet":{},"params":[],"statement":"WITH s AS (DELETE FROM admin.sessions WHERE expires_at < now() OR idle_expires_at < now() RETURNING 1),\n     l AS (DELETE FROM admin.login_attempts WHERE expires_at < now() RETURNING 1)\nSELECT (SELECT count(*) FROM s) AS \"sessions!\", (SELECT count(*) FROM l) AS \"attempts!\""};

/**
 * Query generated from SQL:
 * ```
 * WITH s AS (DELETE FROM admin.sessions WHERE expires_at < now() OR idle_expires_at < now() RETURNING 1),
 *      l AS (DELETE FROM admin.login_attempts WHERE expires_at < now() RETURNING 1)
 * SELECT (SELECT count(*) FROM s) AS "sessions!", (SELECT count(*) FROM l) AS "attempts!"
 * ```
 */
export const pruneExpired = new PreparedQuery<IPruneExpiredParams,IPruneExpiredResult>(pruneExpiredIR);


/** 'CountSessions' parameters type */
export type ICountSessionsParams = void;

/** 'CountSessions' return type */
export interface ICountSessionsResult {
  sessions: bigint;
}

/** 'CountSessions' query type */
export interface ICountSessionsQuery {
  params: ICountSessionsParams;
  result: ICountSessionsResult;
}

const countSessionsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT count(*) AS \"sessions!\" FROM admin.sessions WHERE expires_at > now() AND idle_expires_at > now()"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*) AS "sessions!" FROM admin.sessions WHERE expires_at > now() AND idle_expires_at > now()
 * ```
 */
export const countSessions = new PreparedQuery<ICountSessionsParams,ICountSessionsResult>(countSessionsIR);


