import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useDispatch } from "react-redux";
import { useLocation } from "react-router";
import { useApi } from "../../../lib/api-context.tsx";
import { isUnauthenticated } from "../../../lib/errors.ts";
import { ErrorState, Loading } from "../../../components/states.tsx";
import { sessionKeys, sessionQueryOptions } from "../api/session.ts";
import { ledgerChosen, useLedger } from "../../../stores/preferences.ts";
import { heldLedgers, SessionContext } from "../hooks/use-session.ts";
import { SignInScreen } from "./sign-in-screen.tsx";

/**
 * Renders the app only for a signed-in session. Any call failing unauthenticated makes it ask the
 * gateway again, and an ended session brings back the sign-in screen for the current address.
 * A saved ledger the user does not hold gives way to the first they do before any page asks.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const location = useLocation();
  const session = useQuery(sessionQueryOptions(api.client));
  const ledger = useLedger();
  const dispatch = useDispatch();
  const held = session.data === undefined ? "every" : heldLedgers(session.data);
  const fallback = held !== "every" && !held.includes(ledger) ? held[0] : undefined;

  useEffect(() => api.onUnauthenticated(() => void queryClient.invalidateQueries({ queryKey: sessionKeys.all })), [api, queryClient]);
  useEffect(() => {
    if (fallback !== undefined) dispatch(ledgerChosen(fallback));
  }, [fallback, dispatch]);

  if (session.isError && isUnauthenticated(session.error)) {
    return <SignInScreen returnTo={`${location.pathname}${location.search}`} expired={session.data !== undefined} />;
  }
  if (session.data === undefined || fallback !== undefined) {
    return (
      <main className="sign-in" id="main">
        {session.isError ? <ErrorState error={session.error} what="your session" onRetry={() => void session.refetch()} /> : <Loading label="your session" />}
      </main>
    );
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
