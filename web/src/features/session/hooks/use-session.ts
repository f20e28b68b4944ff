import { createContext, useContext } from "react";
import { AdminService, type GetSessionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";

export const SessionContext = createContext<GetSessionResponse | null>(null);

/** The signed-in session; only below the session gate. */
export function useSession(): GetSessionResponse {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside the session gate");
  return session;
}

export type AdminMethod = keyof typeof AdminService.method;

/** Whether the session's role may call this method (the server decides; this only hides what it would refuse). */
export function useCan(method: AdminMethod): boolean {
  const session = useSession();
  return session.allowedMethods.includes(AdminService.method[method].name);
}
