import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useLocation } from "react-router";
import { useApi } from "../../../lib/api-context.tsx";
import { isUnauthenticated } from "../../../lib/errors.ts";
import { ErrorState, Loading } from "../../../components/states.tsx";
import { sessionKeys, sessionQueryOptions } from "../api/session.ts";
import { SessionContext } from "../hooks/use-session.ts";
import { SignInScreen } from "./sign-in-screen.tsx";

/**
 * Renders the app only for a signed-in session. Any call failing unauthenticated makes it ask the
 * gateway again, and an ended session brings back the sign-in screen for the current address.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const location = useLocation();
  const session = useQuery(sessionQueryOptions(api.client));

  useEffect(() => api.onUnauthenticated(() => void queryClient.invalidateQueries({ queryKey: sessionKeys.all })), [api, queryClient]);

  if (session.isError && isUnauthenticated(session.error)) {
    return <SignInScreen returnTo={`${location.pathname}${location.search}`} expired={session.data !== undefined} />;
  }
  if (session.data === undefined) {
    return (
      <main className="sign-in" id="main">
        {session.isError ? <ErrorState error={session.error} what="your session" onRetry={() => void session.refetch()} /> : <Loading label="your session" />}
      </main>
    );
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
