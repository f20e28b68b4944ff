// The ledger's operations' inputs and results, independent of any wire format (the RPC and REST
// layers convert to and from these).
import type { Side } from "./domain/balances.ts";
import type { LedgerError } from "./domain/errors.ts";
import type * as posting from "./domain/posting.ts";
import type { Status } from "@ledgerflow/platform/wire";
import type { ResolvedEntry } from "./posting/engine.ts";

export type { Status };

export interface AccountView {
  id: string;
  ledger: string;
  code: string;
  currency: string;
  normalBalance: Side;
  allowOverdraft: boolean;
  overdraftLimit: string | null;
  metadata: Record<string, string>;
  balance: BalanceView;
  createdAt: Date;
  updatedAt: Date;
}

export interface BalanceView {
  accountId: string;
  currency: string;
  posted: string;
  pending: string;
  available: string;
  postedDebits: string;
  postedCredits: string;
  pendingDebits: string;
  pendingCredits: string;
  version: bigint;
  asOf: Date;
}

export interface TransactionView {
  id: string;
  ledger: string;
  kind: posting.Kind;
  status: Status;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
  entries: ResolvedEntry[];
  parentId: string | null;
  resolvedById: string | null;
  reversedById: string | null;
  voidReason: string | null;
  sequence: bigint;
  effectiveAt: Date;
  createdAt: Date;
  expiresAt: Date | null;
  caller: string | null;
  actor: string | null;
}

export interface PostResult {
  transaction: TransactionView;
  replayed: boolean;
}

export type BatchItemResult = PostResult | { error: LedgerError };

export interface CreateAccountInput {
  ledger?: string;
  code?: string;
  currency?: string;
  normalBalance?: Side;
  allowOverdraft?: boolean;
  overdraftLimit?: string;
  metadata?: Record<string, string>;
}

export interface PolicyInput {
  ledger?: string;
  accountId?: string;
  allowOverdraft?: boolean;
  overdraftLimit?: string;
  clearOverdraftLimit?: boolean;
  metadata?: Record<string, string>;
}

export interface ListAccountsInput {
  ledger?: string;
  currency?: string;
  codePrefix?: string;
  metadata?: Record<string, string>;
  pageSize?: number;
  pageToken?: string;
}

export interface ListTransactionsInput {
  ledger?: string;
  accountId?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  metadata?: Record<string, string>;
  pageSize?: number;
  pageToken?: string;
}
