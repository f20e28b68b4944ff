// The ledger's errors are the platform's ServiceError (one class, one code map for every service);
// LedgerError is its name in the ledger's code.
export { type ErrorCode, type InsufficientFundsDetail, invalid, ServiceError as LedgerError } from "@ledgerflow/platform/errors";
