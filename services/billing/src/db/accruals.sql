/* @name InsertAccrual */
INSERT INTO billing.accruals (ledger, account_id, account_code, plan_id, currency, source_transaction_id, source_type,
                              event_id, base_amount, fee, invoice_id, refunds_accrual_id, occurred_at)
VALUES (:ledger!, :accountId!, :accountCode!, :planId!, :currency!, :sourceTransactionId!, :sourceType!,
        :eventId!, :baseAmount!, :fee!, :invoiceId!, :refundsAccrualId, :occurredAt!)
RETURNING id;

/* @name UnrefundedChargesOf */
SELECT c.*, p.period FROM billing.accruals c JOIN billing.plans p ON p.id = c.plan_id
 WHERE c.source_transaction_id = :sourceTransactionId! AND c.source_type <> 'reversal'
   AND NOT EXISTS (SELECT 1 FROM billing.accruals r WHERE r.refunds_accrual_id = c.id)
 ORDER BY c.seq;

/* @name ListAccruals */
SELECT * FROM billing.accruals
 WHERE ledger = :ledger!
   AND (:accountId::uuid IS NULL OR account_id = :accountId)
   AND (:invoiceId::uuid IS NULL OR invoice_id = :invoiceId)
   AND (:beforeSeq::bigint IS NULL OR seq < :beforeSeq)
 ORDER BY seq DESC
 LIMIT :limit!;
