import { createContext, useContext } from "react";
import { AdminService, type GetSessionResponse, type LedgerGrant, Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useLedger } from "../../../stores/preferences.ts";

export const SessionContext = createContext<GetSessionResponse | null>(null);

/** The signed-in session; only below the session gate. */
export function useSession(): GetSessionResponse {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside the session gate");
  return session;
}

export type AdminMethod = keyof typeof AdminService.method;

/** Every ledger, in grants. */
export const everyLedger = "*";

/**
 * The grant that applies on `ledger`: its own, else the one on every ledger. A session without
 * grants (a gateway from before ledgers were granted) holds its role on every ledger.
 */
export function grantOn(session: GetSessionResponse, ledger: string): Pick<LedgerGrant, "role" | "allowedMethods"> | undefined {
  if (session.grants.length === 0) return { role: session.role, allowedMethods: session.allowedMethods };
  return session.grants.find((g) => g.ledger === ledger) ?? session.grants.find((g) => g.ledger === everyLedger);
}

/** The ledgers the session holds a role on, sorted; "every" when it holds one on every ledger. */
export function heldLedgers(session: GetSessionResponse): string[] | "every" {
  if (session.grants.length === 0 || session.grants.some((g) => g.ledger === everyLedger)) return "every";
  return session.grants.map((g) => g.ledger).sort();
}

export function useHeldLedgers(): string[] | "every" {
  return heldLedgers(useSession());
}

/** The role on the selected ledger (Role.UNSPECIFIED when none). */
export function useRoleHere(): Role {
  return grantOn(useSession(), useLedger())?.role ?? Role.UNSPECIFIED;
}

/**
 * Whether the session may call this method on the selected ledger (the server decides; this
 * only hides what it would refuse).
 */
export function useCan(method: AdminMethod): boolean {
  const grant = grantOn(useSession(), useLedger());
  return grant?.allowedMethods.includes(AdminService.method[method].name) ?? false;
}
