/* @name ListCurrencies */
SELECT code, scale FROM ledger.currencies ORDER BY code;
