import type { QueryClient } from "@tanstack/react-query";
import { RouterProvider, type createBrowserRouter } from "react-router";
import type { AdminApi } from "../lib/api-client.ts";
import { AppProviders } from "./providers.tsx";
import type { AppStore } from "./store.ts";

export type AppRouter = ReturnType<typeof createBrowserRouter>;

export function App({ api, queryClient, store, router }: { api: AdminApi; queryClient: QueryClient; store: AppStore; router: AppRouter }) {
  return (
    <AppProviders api={api} queryClient={queryClient} store={store}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
