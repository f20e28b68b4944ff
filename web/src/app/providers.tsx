import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { Provider as ReduxProvider } from "react-redux";
import type { AdminApi } from "../lib/api-client.ts";
import { ApiProvider } from "../lib/api-context.tsx";
import { usePreferences } from "../stores/preferences.ts";
import type { AppStore } from "./store.ts";

/** Applies the chosen theme to the document (system follows the OS setting in CSS). */
function ThemeSync() {
  const { theme } = usePreferences();
  useEffect(() => {
    const root = document.documentElement;
    if (theme === "system") delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  return null;
}

export function AppProviders({ api, queryClient, store, children }: { api: AdminApi; queryClient: QueryClient; store: AppStore; children: ReactNode }) {
  return (
    <ReduxProvider store={store}>
      <ApiProvider api={api}>
        <QueryClientProvider client={queryClient}>
          <ThemeSync />
          {children}
        </QueryClientProvider>
      </ApiProvider>
    </ReduxProvider>
  );
}
