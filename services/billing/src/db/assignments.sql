/* @name LockCurrentAssignment */
SELECT * FROM billing.assignments WHERE account_id = :accountId! AND unassigned_at IS NULL FOR UPDATE;

/* @name CloseAssignment */
UPDATE billing.assignments SET unassigned_at = greatest(now(), assigned_at) WHERE id = :id! AND unassigned_at IS NULL
RETURNING id;

/* @name InsertAssignment */
INSERT INTO billing.assignments (ledger, account_id, account_code, normal_balance, currency, plan_id)
VALUES (:ledger!, :accountId!, :accountCode!, :normalBalance!, :currency!, :planId!)
RETURNING *;

/* @name ListAssignments */
SELECT a.*, p.name AS plan_name
  FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id
 WHERE a.ledger = :ledger! AND a.unassigned_at IS NULL
   AND (:planId::uuid IS NULL OR a.plan_id = :planId)
   AND (:accountId::uuid IS NULL OR a.account_id = :accountId)
   AND (:afterAssignedAt::timestamptz IS NULL OR (a.assigned_at, a.id) < (:afterAssignedAt, :afterId::bigint))
 ORDER BY a.assigned_at DESC, a.id DESC
 LIMIT :limit!;

/* @name AssignmentsAt */
SELECT a.account_id, a.account_code, a.normal_balance, a.currency, a.plan_id,
       p.fixed_fee, p.rate_bps, p.minimum_fee, p.maximum_fee, p.basis, p.period
  FROM billing.assignments a JOIN billing.plans p ON p.id = a.plan_id
 WHERE a.account_id = ANY(:accountIds!::uuid[]) AND a.ledger = :ledger!
   AND a.assigned_at <= :at! AND (a.unassigned_at IS NULL OR a.unassigned_at > :at!);
