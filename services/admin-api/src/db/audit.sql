/* @name InsertAuditEntry */
INSERT INTO admin.audit_log (actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip)
VALUES (:actorSubject!, :actorEmail!, :actorName!, :role!, :ledger!, :authentication!, :action!, :target!, :requestId!, :result!, :detail!, :clientIp!);

/* @name ListAuditEntries */
SELECT id, at, actor_subject, actor_email, actor_name, role, ledger, authentication, action, target, request_id, result, detail, client_ip
  FROM admin.audit_log
 WHERE ('*' = ANY (:ledgers!::text[]) OR (ledger <> '' AND ledger = ANY (:ledgers!::text[])))
   AND (:actor::text IS NULL OR actor_subject = :actor OR actor_email = :actor)
   AND (:action::text IS NULL OR action = :action)
   AND (:target::text IS NULL OR target = :target)
   AND (:result::text IS NULL OR result = :result)
   AND (:after::timestamptz IS NULL OR at >= :after)
   AND (:before::timestamptz IS NULL OR at < :before)
   AND (:beforeId::int8 IS NULL OR id < :beforeId)
 ORDER BY id DESC
 LIMIT :limit!;
