// AdminService: thin handlers, grouped by area; the interceptors have authenticated,
// authorized and rate-limited every call before any of them runs.
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { Deps } from "./deps.ts";
import { accountHandlers } from "./handlers/accounts.ts";
import { administrationHandlers } from "./handlers/administration.ts";
import { billingHandlers } from "./handlers/billing.ts";
import { platformHandlers } from "./handlers/platform.ts";
import { transactionHandlers } from "./handlers/transactions.ts";

export function adminHandlers(d: Deps): ServiceImpl<typeof AdminService> {
  return {
    ...platformHandlers(d),
    ...accountHandlers(d),
    ...transactionHandlers(d),
    ...billingHandlers(d),
    ...administrationHandlers(d),
  } as ServiceImpl<typeof AdminService>;
}
