import { Navigate, Outlet, type RouteObject } from "react-router";
import { AccountPage } from "../features/accounts/components/account-page.tsx";
import { AccountsPage } from "../features/accounts/components/accounts-page.tsx";
import { AuditPage } from "../features/audit/components/audit-page.tsx";
import { RolesPage } from "../features/audit/components/roles-page.tsx";
import { BillingPage } from "../features/billing/components/billing-page.tsx";
import { DeadLetterPage } from "../features/dlq/components/dead-letter-page.tsx";
import { DlqPage } from "../features/dlq/components/dlq-page.tsx";
import { HealthPage } from "../features/health/components/health-page.tsx";
import { OutboxPage } from "../features/outbox/components/outbox-page.tsx";
import { SessionGate } from "../features/session/components/session-gate.tsx";
import { PostTransactionPage } from "../features/transactions/components/post-transaction-page.tsx";
import { TransactionPage } from "../features/transactions/components/transaction-page.tsx";
import { TransactionsPage } from "../features/transactions/components/transactions-page.tsx";
import { NotFoundPage } from "./routes/not-found-page.tsx";
import { PreferencesPage } from "./routes/preferences-page.tsx";
import { AppShell } from "./shell.tsx";

/** Every address of the dashboard; the gateway answers unknown paths with index.html. */
export const routes: RouteObject[] = [
  {
    path: "/",
    element: (
      <SessionGate>
        <Outlet />
      </SessionGate>
    ),
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/health" replace /> },
          { path: "health", element: <HealthPage /> },
          { path: "outbox", element: <OutboxPage /> },
          { path: "dlq", element: <DlqPage /> },
          { path: "dlq/:id", element: <DeadLetterPage /> },
          { path: "accounts", element: <AccountsPage /> },
          { path: "accounts/:id", element: <AccountPage /> },
          { path: "transactions", element: <TransactionsPage /> },
          { path: "transactions/new", element: <PostTransactionPage /> },
          { path: "transactions/:id", element: <TransactionPage /> },
          { path: "billing", element: <BillingPage /> },
          { path: "audit", element: <AuditPage /> },
          { path: "roles", element: <RolesPage /> },
          { path: "preferences", element: <PreferencesPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
