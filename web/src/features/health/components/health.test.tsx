import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { GetHealthResponseSchema, HealthStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../../test/render-app.tsx";

const response = () =>
  create(GetHealthResponseSchema, {
    overall: HealthStatus.DOWN,
    components: [
      { name: "admin-api", status: HealthStatus.HEALTHY, version: "0.1.0", uptimeSeconds: 3725, requestRatePerSecond: 12.5, errorRatio: 0.001, p99LatencySeconds: 0.042 },
      { name: "ledger", status: HealthStatus.DOWN, detail: "connection refused", checks: { postgres: "connection refused", migrations: "ok" } },
      { name: "projector", status: HealthStatus.DEGRADED, detail: "lag above 1000 messages", consumerLagMessages: 4200 },
      { name: "kafka", status: HealthStatus.DISABLED, detail: "embedded mode" },
    ],
  });

describe("health page", () => {
  it("makes down and degraded components obvious in text, not only color", async () => {
    renderApp({ path: "/health", handlers: { getHealth: response } });
    const overall = await screen.findByTestId("overall-status");
    expect(overall.getAttribute("data-status")).toBe("down");
    expect(overall.textContent).toContain("Down");
    expect(overall.textContent).toContain("Needs attention: ledger (down), projector (degraded).");

    const ledger = screen.getByTestId("component-ledger");
    expect(ledger.getAttribute("data-status")).toBe("down");
    expect(within(ledger).getByTestId("component-status-ledger").textContent).toContain("Down");
    expect(within(ledger).getByText("connection refused", { selector: "p" })).toBeTruthy();
    expect(
      within(ledger)
        .getByText(/\(failing\)/)
        .closest("li")?.textContent,
    ).toContain("postgres");

    const projector = screen.getByTestId("component-projector");
    expect(within(projector).getByTestId("component-status-projector").textContent).toContain("Degraded");
    expect(projector.textContent).toContain("4,200 messages");

    const api = screen.getByTestId("component-admin-api");
    expect(api.textContent).toContain("Healthy");
    expect(api.textContent).toContain("1 h 2 min");
    expect(api.textContent).toContain("12.5/s");
    expect(api.textContent).toContain("42 ms");

    // Worst first.
    const names = screen.getAllByRole("article").map((a) => a.getAttribute("data-testid"));
    expect(names).toEqual(["component-ledger", "component-projector", "component-admin-api", "component-kafka"]);
  });

  it("shows an error with retry when the gateway cannot answer, then recovers", async () => {
    let fail = true;
    const { user } = renderApp({
      path: "/health",
      handlers: {
        getHealth: () => {
          if (fail) throw new ConnectError("admin gateway overloaded", Code.Unavailable);
          return response();
        },
      },
    });
    expect((await screen.findByRole("alert")).textContent).toContain("admin gateway overloaded");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("overall-status")).toBeTruthy();
  });

  it("keeps the last answer, marked stale, when a refresh fails", async () => {
    let fail = false;
    const { user } = renderApp({
      path: "/health",
      handlers: {
        getHealth: () => {
          if (fail) throw new ConnectError("timeout", Code.DeadlineExceeded);
          return response();
        },
      },
    });
    await screen.findByTestId("overall-status");
    fail = true;
    await user.click(screen.getByRole("button", { name: "Refresh now" }));
    const stale = await screen.findByTestId("stale-notice");
    expect(stale.textContent).toContain("refreshing failed");
    expect(screen.getByTestId("component-ledger")).toBeTruthy();
  });
});

describe("readiness checks", () => {
  it("a figure is neither passing nor failing; words that mean trouble fail", async () => {
    const { checkState } = await import("./component-card.tsx");
    expect(checkState("ok")).toBe("pass");
    expect(checkState("closed")).toBe("pass");
    expect(checkState("0")).toBe("info");
    expect(checkState("1000")).toBe("info");
    expect(checkState("unreachable: connection refused")).toBe("fail");
    expect(checkState("open")).toBe("fail");
    expect(checkState("timeout")).toBe("fail");
  });
});
