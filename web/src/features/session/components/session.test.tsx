import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { GetHealthResponseSchema, HealthStatus, Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { sessionFor, testCsrfToken } from "../../../test/fixtures.ts";
import { renderApp } from "../../../test/render-app.tsx";

const healthy = () => create(GetHealthResponseSchema, { overall: HealthStatus.HEALTHY, components: [] });

describe("session", () => {
  it("shows the sign-in screen when nobody is signed in, and signs in back to the same address", async () => {
    const { user, web } = renderApp({ session: "signed-out", path: "/accounts?currency=USD" });
    const button = await screen.findByRole("button", { name: "Sign in" });
    expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
    await user.click(button);
    expect(web.assign).toHaveBeenCalledWith(`/auth/login?return_to=${encodeURIComponent("/accounts?currency=USD")}`);
  });

  it("shows the user's name and role in the shell", async () => {
    renderApp({ session: Role.OPERATOR, handlers: { getHealth: healthy } });
    expect(await screen.findByTestId("user-name")).toHaveProperty("textContent", "Ada Lovelace");
    expect(screen.getByTestId("user-role").textContent).toContain("Operator");
  });

  it("returns to the sign-in screen, keeping the address, when a later call fails unauthenticated", async () => {
    let signedIn = true;
    const { user, web } = renderApp({
      path: "/health",
      handlers: {
        getSession: () => {
          if (!signedIn) throw new ConnectError("session ended", Code.Unauthenticated);
          return sessionFor(Role.VIEWER);
        },
        getHealth: () => {
          if (!signedIn) throw new ConnectError("session ended", Code.Unauthenticated);
          return healthy();
        },
      },
    });
    await screen.findByTestId("overall-status");
    signedIn = false;
    await user.click(screen.getByRole("button", { name: "Refresh now" }));
    const alert = await screen.findByText(/your session has ended/i);
    expect(alert).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(web.assign).toHaveBeenCalledWith(`/auth/login?return_to=${encodeURIComponent("/health")}`);
  });

  it("signs out with the CSRF token and follows the gateway's redirect", async () => {
    const { user, web } = renderApp({ handlers: { getHealth: healthy } });
    web.fetch.mockResolvedValue(new Response(JSON.stringify({ redirect: "https://id.example.test/logout" }), { status: 200 }));
    const shell = await screen.findByRole("group", { name: "Signed in as" });
    await user.click(within(shell).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(web.assign).toHaveBeenCalledWith("https://id.example.test/logout"));
    const [url, init] = web.fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("http://localhost:3000/auth/logout");
    expect(init.method).toBe("POST");
    expect(new Headers(init.headers).get("x-csrf-token")).toBe(testCsrfToken);
  });
});
