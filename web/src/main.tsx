import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { App } from "./app/app.tsx";
import { routes } from "./app/router.tsx";
import { createAppStore } from "./app/store.ts";
import { createBrowserAdminApi } from "./lib/api-client.ts";
import { createQueryClient } from "./lib/query-client.ts";
import "./styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <App api={createBrowserAdminApi()} queryClient={createQueryClient()} store={createAppStore({ storage: window.localStorage })} router={createBrowserRouter(routes)} />
  </StrictMode>,
);
