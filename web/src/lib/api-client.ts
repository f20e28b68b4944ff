import { isMessage } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { AdminService, GetSessionResponseSchema } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";

export type AdminClient = Client<typeof AdminService>;

/** The header the gateway checks on state-changing calls from a browser session. */
export const csrfHeaderName = "x-csrf-token";

/** No call may hang longer than this; the gateway caps its own deadlines below it. */
export const requestTimeoutMs = 20_000;

/** Holds the session's CSRF token; filled from every GetSession answer. */
export class CsrfToken {
  #value = "";
  get(): string {
    return this.#value;
  }
  set(value: string): void {
    this.#value = value;
  }
}

/**
 * Sends the CSRF token on every call (the gateway needs it on state-changing ones and ignores it
 * elsewhere) and keeps it current from GetSession answers, so no component has to.
 */
export function csrfInterceptor(token: CsrfToken): Interceptor {
  return (next) => async (req) => {
    const value = token.get();
    if (value !== "") req.header.set(csrfHeaderName, value);
    const res = await next(req);
    if (!res.stream && isMessage(res.message, GetSessionResponseSchema)) token.set(res.message.csrfToken);
    return res;
  };
}

/** Tells the app when a call fails because the session ended, so it can ask for a new sign-in. */
export function unauthenticatedInterceptor(notify: () => void): Interceptor {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch (error) {
      const err = ConnectError.from(error);
      // GetSession answering unauthenticated is how the app learns nobody is signed in; the
      // session query handles that itself.
      if (err.code === Code.Unauthenticated && req.method.name !== AdminService.method.getSession.name) notify();
      throw err;
    }
  };
}

/** What the app needs from the browser beyond RPC: the /auth routes and full-page navigation. */
export interface WebEnvironment {
  origin: string;
  fetch: typeof globalThis.fetch;
  /** Leaves the app for another URL (the sign-in and sign-out redirects). */
  assign: (url: string) => void;
}

/** The one API client of the app, with the state its interceptors share. */
export interface AdminApi {
  client: AdminClient;
  csrf: CsrfToken;
  web: WebEnvironment;
  /** Calls the listener whenever a call fails unauthenticated; returns the unsubscribe function. */
  onUnauthenticated: (listener: () => void) => () => void;
}

export interface AdminApiOptions {
  /** Builds the transport with the app's interceptors (a fetch transport, or an in-memory one in tests). */
  transport: (interceptors: Interceptor[]) => Transport;
  web: WebEnvironment;
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  const csrf = new CsrfToken();
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const transport = options.transport([unauthenticatedInterceptor(notify), csrfInterceptor(csrf)]);
  return {
    client: createClient(AdminService, transport),
    csrf,
    web: options.web,
    onUnauthenticated: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The browser's API: Connect over fetch to the same origin, with the session cookie. */
export function createBrowserAdminApi(): AdminApi {
  const origin = window.location.origin;
  const fetchWithCookies: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, { ...init, credentials: "include" });
  return createAdminApi({
    transport: (interceptors) =>
      createConnectTransport({
        baseUrl: origin,
        interceptors,
        fetch: fetchWithCookies,
        useBinaryFormat: false,
        defaultTimeoutMs: requestTimeoutMs,
      }),
    web: { origin, fetch: fetchWithCookies, assign: (url) => window.location.assign(url) },
  });
}
