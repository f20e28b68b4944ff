/* @name ListChainLedgers */
SELECT l.name AS "ledger!" FROM ledger.ledgers l
 UNION
SELECT h.ledger FROM ledger.chain_heads h
 ORDER BY 1
 LIMIT :ledgersMax!;

/* @name VerifyChain */
SELECT ledger AS "ledger!", verified_through AS "verified_through!", links_checked AS "links_checked!",
       head_position AS "head_position!", broken_position, broken_transaction_id, expected_hash, stored_hash, problem
  FROM ledger.verify_chain(:ledger!, :afterPosition!, :linksMax!);
