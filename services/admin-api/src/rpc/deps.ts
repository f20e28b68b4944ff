// What the handlers work with: the read model, the services behind the gateway, the monitors,
// and the gateway's own stores.
import type { Sql } from "postgres";
import type { BillingService } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import type { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { AuditLog } from "../audit.ts";
import type { RoleDirectory } from "../authz/roles.ts";
import type { ProjectorClient } from "../clients/projector.ts";
import type { Backend } from "../clients/resilient.ts";
import type { HealthMonitor } from "../health/monitor.ts";
import type { OutboxMonitor } from "../health/outbox.ts";
import type { CurrencyCache } from "./currencies.ts";

export interface Deps {
  readSql: Sql;
  ledger: Backend<typeof LedgerService>;
  billing: Backend<typeof BillingService>;
  projector: ProjectorClient;
  health: HealthMonitor;
  outbox: OutboxMonitor;
  audit: AuditLog;
  roles: RoleDirectory;
  currencies: CurrencyCache;
  /** Deadline of calls to the services behind, when the caller set none. */
  backendTimeoutMs: number;
  sessionIdleSeconds: number;
}
