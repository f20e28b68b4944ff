/* @name EnsureLedger */
INSERT INTO ledger.ledgers (name) VALUES (:ledger!) ON CONFLICT (name) DO NOTHING;

/* @name InsertAccount */
INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata)
VALUES (:id!, :ledger!, :code!, :currency!, :normalBalance!, :allowOverdraft!, :overdraftLimit, :metadata!)
ON CONFLICT (ledger, code) DO NOTHING
RETURNING id;

/* @name GetAccountById */
SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 WHERE a.ledger = :ledger! AND a.id = :id!;

/* @name GetAccountByCode */
SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 WHERE a.ledger = :ledger! AND a.code = :code!;

/* @name ListAccounts */
SELECT a.*, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
  FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
 WHERE a.ledger = :ledger!
   AND (:currency::text IS NULL OR a.currency = :currency)
   AND (:codePrefix::text IS NULL OR starts_with(a.code, :codePrefix))
   AND (:metadata::jsonb IS NULL OR a.metadata @> :metadata)
   AND (:afterCode::text IS NULL OR a.code > :afterCode)
 ORDER BY a.code
 LIMIT :limit!;

/* @name UpdateAccountPolicy */
UPDATE ledger.accounts
   SET allow_overdraft = :allowOverdraft!, overdraft_limit = :overdraftLimit, metadata = :metadata!
 WHERE ledger = :ledger! AND id = :id!
RETURNING id;

/* @name LockAccounts */
SELECT id AS "id!", ledger AS "ledger!", code AS "code!", currency AS "currency!", normal_balance AS "normal_balance!",
       allow_overdraft AS "allow_overdraft!", overdraft_limit, posted_debits AS "posted_debits!",
       posted_credits AS "posted_credits!", pending_debits AS "pending_debits!", pending_credits AS "pending_credits!",
       version AS "version!"
  FROM ledger.lock_accounts(:ids!::uuid[]);

/* @name ResolveAccountCodes */
SELECT id, code FROM ledger.accounts WHERE ledger = :ledger! AND code = ANY(:codes!::text[]);

/* @name GetBalanceAsOf */
SELECT posted_debits, posted_credits, pending_debits, pending_credits, account_version, applied_at
  FROM ledger.entries
 WHERE account_id = :accountId! AND applied_at <= :asOf!
 ORDER BY applied_at DESC, account_version DESC
 LIMIT 1;
