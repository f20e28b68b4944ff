/** Types generated for queries found in "services/admin-api/src/db/roles.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type stringArray = (string)[];

/** 'ListRoleMappings' parameters type */
export type IListRoleMappingsParams = void;

/** 'ListRoleMappings' return type */
export interface IListRoleMappingsResult {
  claim_value: string;
  ledgers: stringArray;
  role: string;
  updated_at: Date;
  updated_by: string;
}

/** 'ListRoleMappings' query type */
export interface IListRoleMappingsQuery {
  params: IListRoleMappingsParams;
  result: IListRoleMappingsResult;
}

const listRoleMappingsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT claim_value, role, ledgers, updated_at, updated_by FROM admin.role_mappings ORDER BY claim_value"};

/**
 * Query generated from SQL:
 * ```
 * SELECT claim_value, role, ledgers, updated_at, updated_by FROM admin.role_mappings ORDER BY claim_value
 * ```
 */
export const listRoleMappings = new PreparedQuery<IListRoleMappingsParams,IListRoleMappingsResult>(listRoleMappingsIR);


/** 'UpsertRoleMapping' parameters type */
export interface IUpsertRoleMappingParams {
  claimValue: string;
  ledgers: stringArray;
  role: string;
  updatedBy: string;
}

/** 'UpsertRoleMapping' return type */
export interface IUpsertRoleMappingResult {
  claim_value: string;
  ledgers: stringArray;
  role: string;
  updated_at: Date;
  updated_by: string;
}

/** 'UpsertRoleMapping' query type */
export interface IUpsertRoleMappingQuery {
  params: IUpsertRoleMappingParams;
  result: IUpsertRoleMappingResult;
}

const upsertRoleMappingIR: any = {"usedParamSet":{"claimValue":true,"role":true,"ledgers":true,"updatedBy":true},"params":[{"name":"claimValue","required":true,"transform":{"type":"scalar"},"locs":[{"a":81,"b":92}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":95,"b":100}]},{"name":"ledgers","required":true,"transform":{"type":"scalar"},"locs":[{"a":103,"b":111}]},{"name":"updatedBy","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":132}]}],"statement":"INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)\nON CONFLICT (claim_value) DO UPDATE SET role = EXCLUDED.role, ledgers = EXCLUDED.ledgers, updated_by = EXCLUDED.updated_by, updated_at = now()\nRETURNING claim_value, role, ledgers, updated_at, updated_by"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)
 * ON CONFLICT (claim_value) DO UPDATE SET role = EXCLUDED.role, ledgers = EXCLUDED.ledgers, updated_by = EXCLUDED.updated_by, updated_at = now()
 * RETURNING claim_value, role, ledgers, updated_at, updated_by
 * ```
 */
export const upsertRoleMapping = new PreparedQuery<IUpsertRoleMappingParams,IUpsertRoleMappingResult>(upsertRoleMappingIR);


/** 'InsertRoleMappingIfMissing' parameters type */
export interface IInsertRoleMappingIfMissingParams {
  claimValue: string;
  ledgers: stringArray;
  role: string;
  updatedBy: string;
}

/** 'InsertRoleMappingIfMissing' return type */
export type IInsertRoleMappingIfMissingResult = void;

/** 'InsertRoleMappingIfMissing' query type */
export interface IInsertRoleMappingIfMissingQuery {
  params: IInsertRoleMappingIfMissingParams;
  result: IInsertRoleMappingIfMissingResult;
}

const insertRoleMappingIfMissingIR: any = {"usedParamSet":{"claimValue":true,"role":true,"ledgers":true,"updatedBy":true},"params":[{"name":"claimValue","required":true,"transform":{"type":"scalar"},"locs":[{"a":81,"b":92}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":95,"b":100}]},{"name":"ledgers","required":true,"transform":{"type":"scalar"},"locs":[{"a":103,"b":111}]},{"name":"updatedBy","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":132}]}],"statement":"INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)\nON CONFLICT (claim_value) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)
 * ON CONFLICT (claim_value) DO NOTHING
 * ```
 */
export const insertRoleMappingIfMissing = new PreparedQuery<IInsertRoleMappingIfMissingParams,IInsertRoleMappingIfMissingResult>(insertRoleMappingIfMissingIR);


/** 'DeleteRoleMapping' parameters type */
export interface IDeleteRoleMappingParams {
  claimValue: string;
}

/** 'DeleteRoleMapping' return type */
export interface IDeleteRoleMappingResult {
  claim_value: string;
}

/** 'DeleteRoleMapping' query type */
export interface IDeleteRoleMappingQuery {
  params: IDeleteRoleMappingParams;
  result: IDeleteRoleMappingResult;
}

const deleteRoleMappingIR: any = {"usedParamSet":{"claimValue":true},"params":[{"name":"claimValue","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":63}]}],"statement":"DELETE FROM admin.role_mappings WHERE claim_value = :claimValue! RETURNING claim_value"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM admin.role_mappings WHERE claim_value = :claimValue! RETURNING claim_value
 * ```
 */
export const deleteRoleMapping = new PreparedQuery<IDeleteRoleMappingParams,IDeleteRoleMappingResult>(deleteRoleMappingIR);


