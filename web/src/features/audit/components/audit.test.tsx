import { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../../../test/render-app.tsx";

const entry = (id: bigint, detail: string, result = "ok") => ({
  id,
  actorSubject: "operator@example.com",
  actorEmail: "operator@example.com",
  actorName: "Oscar Operator",
  role: Role.OPERATOR,
  authentication: "session",
  action: "PostTransaction",
  target: "01a233ba-feaf-70e8-87b3-091e0b4d59c7",
  ledger: "acme",
  requestId: `req-${id}`,
  result,
  detail,
  clientIp: "127.0.0.1",
});

describe("audit log", () => {
  it("lists who did what, folds long details away, and filters by actor", async () => {
    const long = JSON.stringify({ idempotencyKey: "web-post-1", entries: Array.from({ length: 4 }, (_, i) => ({ accountCode: `wallet:${i}`, amount: "100" })) });
    const { user, calls } = renderApp({
      path: "/audit",
      session: Role.ADMIN,
      handlers: { listAuditLog: () => ({ entries: [entry(2n, long), entry(1n, "insufficient funds", "failed_precondition")] }) },
    });
    const rows = await screen.findAllByRole("row");
    expect(rows.length).toBe(3);
    expect(within(rows[1]!).getByText("Oscar Operator")).toBeTruthy();
    expect(within(rows[1]!).getByText("acme")).toBeTruthy();
    // The long detail is folded behind its first characters; the short one is shown as is.
    const summary = within(rows[1]!).getByText((text) => text.startsWith('{"idempotencyKey":"web-post-1"') && text.endsWith("…"));
    expect(summary.tagName).toBe("SUMMARY");
    expect(within(rows[2]!).getByText("insufficient funds")).toBeTruthy();
    expect(within(rows[2]!).getByText("failed_precondition")).toBeTruthy();
    // The target id is shortened, with the whole id on hover.
    expect(within(rows[1]!).getByTitle("01a233ba-feaf-70e8-87b3-091e0b4d59c7").textContent).toBe("01a233ba…");
    await user.type(screen.getByLabelText("Actor"), "operator@example.com");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    await waitFor(() => expect(callsOf(calls, "ListAuditLog").some((c) => (c.message as { actor?: string }).actor === "operator@example.com")).toBe(true));
  });
});
