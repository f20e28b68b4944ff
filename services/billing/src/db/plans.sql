/* @name InsertPlan */
INSERT INTO billing.plans (ledger, name, currency, fixed_fee, rate_bps, minimum_fee, maximum_fee, basis, period,
                           revenue_account_id, revenue_account_code)
VALUES (:ledger!, :name!, :currency!, :fixedFee!, :rateBps!, :minimumFee, :maximumFee, :basis!, :period!,
        :revenueAccountId!, :revenueAccountCode!)
ON CONFLICT (ledger, name) DO NOTHING
RETURNING *;

/* @name GetPlan */
SELECT * FROM billing.plans WHERE id = :id!;

/* @name LockPlan */
SELECT * FROM billing.plans WHERE id = :id! FOR UPDATE;

/* @name UpdatePlan */
UPDATE billing.plans
   SET name = :name!, fixed_fee = :fixedFee!, rate_bps = :rateBps!, minimum_fee = :minimumFee, maximum_fee = :maximumFee, status = :status!
 WHERE id = :id!
RETURNING *;

/* @name PlanNameTaken */
SELECT 1 AS taken FROM billing.plans WHERE ledger = :ledger! AND name = :name! AND id <> :id!;

/* @name ListPlans */
SELECT * FROM billing.plans
 WHERE ledger = :ledger!
   AND (:status::text IS NULL OR status = :status)
   AND (:afterCreatedAt::timestamptz IS NULL OR (created_at, id) < (:afterCreatedAt, :afterId::uuid))
 ORDER BY created_at DESC, id DESC
 LIMIT :limit!;
