/* @name ListRoleMappings */
SELECT claim_value, role, ledgers, updated_at, updated_by FROM admin.role_mappings ORDER BY claim_value;

/* @name UpsertRoleMapping */
INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)
ON CONFLICT (claim_value) DO UPDATE SET role = EXCLUDED.role, ledgers = EXCLUDED.ledgers, updated_by = EXCLUDED.updated_by, updated_at = now()
RETURNING claim_value, role, ledgers, updated_at, updated_by;

/* @name InsertRoleMappingIfMissing */
INSERT INTO admin.role_mappings (claim_value, role, ledgers, updated_by) VALUES (:claimValue!, :role!, :ledgers!::text[], :updatedBy!)
ON CONFLICT (claim_value) DO NOTHING;

/* @name DeleteRoleMapping */
DELETE FROM admin.role_mappings WHERE claim_value = :claimValue! RETURNING claim_value;
