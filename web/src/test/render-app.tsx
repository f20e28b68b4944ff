import { Code, ConnectError, createRouterTransport, type Interceptor, type ServiceImpl } from "@connectrpc/connect";
import { AdminService, Role, type GetSessionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { vi } from "vitest";
import { App } from "../app/app.tsx";
import { routes } from "../app/router.tsx";
import { createAppStore } from "../app/store.ts";
import { createAdminApi, type WebEnvironment } from "../lib/api-client.ts";
import { createQueryClient } from "../lib/query-client.ts";
import type { PreferencesState } from "../stores/preferences.ts";
import { sessionFor } from "./fixtures.ts";

export type Handlers = Partial<ServiceImpl<typeof AdminService>>;

/** One call as the in-memory server received it. */
export interface RecordedCall {
  method: string;
  header: Headers;
  message: unknown;
}

export interface RenderAppOptions {
  path?: string;
  /** The signed-in role, a whole session, or nobody. */
  session?: Role | GetSessionResponse | "signed-out";
  handlers?: Handlers;
  preferences?: Partial<PreferencesState>;
}

export function createTestApi(handlers: Handlers, session: RenderAppOptions["session"] = Role.OPERATOR) {
  const calls: RecordedCall[] = [];
  const recorder: Interceptor = (next) => async (req) => {
    calls.push({ method: req.method.name, header: new Headers(req.header), message: req.stream ? undefined : req.message });
    return await next(req);
  };
  const getSession: Handlers["getSession"] = () => {
    if (session === "signed-out") throw new ConnectError("no session", Code.Unauthenticated);
    return typeof session === "object" ? session : sessionFor(session);
  };
  const web = {
    origin: "http://localhost:3000",
    fetch: vi.fn<WebEnvironment["fetch"]>(),
    assign: vi.fn<WebEnvironment["assign"]>(),
  } satisfies WebEnvironment;
  const api = createAdminApi({
    transport: (interceptors) =>
      createRouterTransport(({ service }) => service(AdminService, { getSession, ...handlers }), {
        transport: { interceptors },
        router: { interceptors: [recorder] },
      }),
    web,
  });
  return { api, calls, web };
}

/** The whole app (providers, router, shell) against an in-memory AdminService. */
export function renderApp(options: RenderAppOptions = {}) {
  const { api, calls, web } = createTestApi(options.handlers ?? {}, options.session ?? Role.OPERATOR);
  const queryClient = createQueryClient({ retriesMax: 0 });
  const store = createAppStore({ preferences: { refreshIntervalMs: 0, ...options.preferences } });
  const router = createMemoryRouter(routes, { initialEntries: [options.path ?? "/health"] });
  const user = userEvent.setup();
  const view = render(<App api={api} queryClient={queryClient} store={store} router={router} />);
  return { ...view, user, calls, web, api, store, queryClient, router };
}

/** The calls of one method, in order. */
export function callsOf(calls: RecordedCall[], method: string): RecordedCall[] {
  return calls.filter((c) => c.method === method);
}
