import { createContext, useContext, type ReactNode } from "react";
import type { AdminApi, AdminClient } from "./api-client.ts";

const ApiContext = createContext<AdminApi | null>(null);

export function ApiProvider({ api, children }: { api: AdminApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): AdminApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error("useApi outside ApiProvider");
  return api;
}

export function useAdminClient(): AdminClient {
  return useApi().client;
}
