/* @name EnsureLedger */
INSERT INTO ledger.ledgers (name) VALUES (:ledger!) ON CONFLICT (name) DO NOTHING;

/* @name InsertAccount */
INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata)
VALUES (:id!, :ledger!, :code!, :currency!, :normalBalance!, :allowOverdraft!, :overdraftLimit, :metadata!)
ON CONFLICT (ledger, code) DO NOTHING
RETURNING *;

/* @name GetAccountById */
SELECT * FROM ledger.accounts WHERE ledger = :ledger! AND id = :id!;

/* @name GetAccountByCode */
SELECT * FROM ledger.accounts WHERE ledger = :ledger! AND code = :code!;

/* @name ListAccounts */
SELECT * FROM ledger.accounts
 WHERE ledger = :ledger!
   AND (:currency::text IS NULL OR currency = :currency)
   AND (:codePrefix::text IS NULL OR starts_with(code, :codePrefix))
   AND (:metadata::jsonb IS NULL OR metadata @> :metadata)
   AND (:afterCode::text IS NULL OR code > :afterCode)
 ORDER BY code
 LIMIT :limit!;

/* @name UpdateAccountPolicy */
UPDATE ledger.accounts
   SET allow_overdraft = :allowOverdraft!, overdraft_limit = :overdraftLimit, metadata = :metadata!
 WHERE ledger = :ledger! AND id = :id!
RETURNING *;

/* @name LockAccounts */
SELECT id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit,
       posted_debits, posted_credits, pending_debits, pending_credits
  FROM ledger.accounts
 WHERE id = ANY(:ids!::uuid[])
 ORDER BY id
   FOR UPDATE;

/* @name ResolveAccountCodes */
SELECT id, code FROM ledger.accounts WHERE ledger = :ledger! AND code = ANY(:codes!::text[]);

/* @name GetBalanceAsOf */
SELECT posted_debits, posted_credits, pending_debits, pending_credits, account_version, applied_at
  FROM ledger.entries
 WHERE account_id = :accountId! AND applied_at <= :asOf!
 ORDER BY applied_at DESC, account_version DESC
 LIMIT 1;
