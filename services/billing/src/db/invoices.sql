/* @name InsertInvoice */
INSERT INTO billing.invoices (ledger, account_id, account_code, plan_id, currency, period, period_start, period_end, revenue_account_id)
SELECT :ledger!, :accountId!, :accountCode!, p.id, p.currency, p.period, :periodStart!, :periodEnd!, p.revenue_account_id
  FROM billing.plans p WHERE p.id = :planId!
ON CONFLICT (ledger, account_id, plan_id, period_start) DO NOTHING;

/* @name LockInvoiceOfPeriod */
SELECT id, status FROM billing.invoices
 WHERE ledger = :ledger! AND account_id = :accountId! AND plan_id = :planId! AND period_start = :periodStart!
   FOR UPDATE;

/* @name LockOpenInvoiceFrom */
SELECT id, status FROM billing.invoices
 WHERE account_id = :accountId! AND plan_id = :planId! AND status = 'open' AND period_start >= :from!
 ORDER BY period_start
 LIMIT 1
   FOR UPDATE;

/* @name LatestInvoiceEndFrom */
SELECT max(period_end) AS latest_end FROM billing.invoices
 WHERE account_id = :accountId! AND plan_id = :planId! AND period_start >= :from!;

/* @name GetInvoice */
SELECT * FROM billing.invoices WHERE id = :id!;

/* @name ListInvoices */
SELECT * FROM billing.invoices
 WHERE ledger = :ledger!
   AND (:accountId::uuid IS NULL OR account_id = :accountId)
   AND (:status::text IS NULL OR status = :status)
   AND (:afterPeriodStart::timestamptz IS NULL OR (period_start, id) < (:afterPeriodStart, :afterId::uuid))
 ORDER BY period_start DESC, id DESC
 LIMIT :limit!;

/* @name CloseDueInvoices */
UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()
 WHERE id IN (SELECT id FROM billing.invoices WHERE status = 'open' AND period_end <= :now!
               ORDER BY period_end LIMIT :limit! FOR UPDATE SKIP LOCKED)
RETURNING id;

/* @name CloseInvoiceNow */
UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now()
 WHERE id = :id! AND status = 'open'
RETURNING id;

/* @name ClaimInvoicesToPost */
UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)
 WHERE id IN (SELECT id FROM billing.invoices WHERE status IN ('posting', 'failed') AND next_attempt_at <= now()
               ORDER BY next_attempt_at LIMIT :limit! FOR UPDATE SKIP LOCKED)
RETURNING *;

/* @name ClaimInvoice */
UPDATE billing.invoices SET next_attempt_at = now() + make_interval(secs => :leaseSeconds!::float8)
 WHERE id = :id! AND status IN ('posting', 'failed')
RETURNING *;

/* @name MarkPosted */
UPDATE billing.invoices SET status = 'posted', fee_transaction_id = :feeTransactionId, posted_at = now(), error = NULL, next_attempt_at = NULL
 WHERE id = :id! AND status IN ('posting', 'failed')
RETURNING id;

/* @name MarkAttemptFailed */
UPDATE billing.invoices
   SET status = CASE WHEN :refused!::boolean THEN 'failed' ELSE status END,
       error = :error!, attempts = attempts + 1,
       next_attempt_at = now() + make_interval(secs => :retrySeconds!::float8)
 WHERE id = :id! AND status IN ('posting', 'failed')
RETURNING id;

/* @name CountInvoices */
SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'posting') AS posting,
       count(*) FILTER (WHERE status = 'failed') AS failed
  FROM billing.invoices WHERE status IN ('open', 'posting', 'failed');
