import { queryOptions } from "@tanstack/react-query";
import { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { csrfHeaderName, type AdminClient, type WebEnvironment } from "../../../lib/api-client.ts";
import { isTransient, isUnauthenticated } from "../../../lib/errors.ts";

export const sessionKeys = {
  all: ["session"] as const,
  current: () => [...sessionKeys.all, "current"] as const,
};

/** Re-reads the session now and then so an ended session is noticed without a click. */
const sessionRefreshMs = 5 * 60_000;

export function sessionQueryOptions(client: AdminClient) {
  return queryOptions({
    queryKey: sessionKeys.current(),
    queryFn: ({ signal }) => client.getSession({}, { signal }),
    staleTime: 60_000,
    refetchInterval: sessionRefreshMs,
    retry: (failureCount, error) => !isUnauthenticated(error) && isTransient(error) && failureCount < 2,
  });
}

/** Where the sign-in button goes: the gateway's login, back to `returnTo` afterwards. */
export function loginUrl(returnTo: string): string {
  const path = returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
  return `/auth/login?return_to=${encodeURIComponent(path)}`;
}

/** Ends the session at the gateway; resolves to where the browser should go next. */
export async function logout(web: WebEnvironment, csrfToken: string): Promise<string> {
  const response = await web.fetch(new URL("/auth/logout", web.origin).toString(), {
    method: "POST",
    headers: { [csrfHeaderName]: csrfToken, accept: "application/json" },
    credentials: "include",
  });
  if (!response.ok) throw new Error(`Sign-out failed (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  if (typeof body === "object" && body !== null && "redirect" in body && typeof body.redirect === "string" && body.redirect !== "") {
    return body.redirect;
  }
  return "/";
}

export function roleLabel(role: Role): string {
  switch (role) {
    case Role.VIEWER:
      return "Viewer";
    case Role.OPERATOR:
      return "Operator";
    case Role.ADMIN:
      return "Admin";
    default:
      return "No role";
  }
}
