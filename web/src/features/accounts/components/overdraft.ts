import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { formatMinor } from "../../../lib/money.ts";

export function overdraftPolicyText(account: Pick<AccountSummary, "allowOverdraft" | "overdraftLimit" | "scale" | "currency">): string {
  if (!account.allowOverdraft) return "No overdraft";
  if (account.overdraftLimit === undefined) return "Overdraft, unlimited";
  return `Overdraft up to ${formatMinor(account.overdraftLimit, account.scale, { currency: account.currency })}`;
}
