import { Navigate, Outlet, type RouteObject } from "react-router";
import { AccountPage, AccountsPage } from "../features/accounts/index.ts";
import { AuditPage, RolesPage } from "../features/audit/index.ts";
import { BillingPage } from "../features/billing/index.ts";
import { DeadLetterPage, DlqPage } from "../features/dlq/index.ts";
import { HealthPage } from "../features/health/index.ts";
import { OutboxPage } from "../features/outbox/index.ts";
import { SessionGate } from "../features/session/index.ts";
import { PostTransactionPage, TransactionPage, TransactionsPage } from "../features/transactions/index.ts";
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
