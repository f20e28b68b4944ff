import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { DeadLetterStatus, GetDeadLetterResponseSchema, Role, type DeadLetter } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { deadLetter, testCsrfToken } from "../../../test/fixtures.ts";
import { callsOf, renderApp, type Handlers } from "../../../test/render-app.tsx";

/** A tiny dead-letter store behind the in-memory service, so lists reflect replays. */
function dlqService(initial: DeadLetter[], replay?: (d: DeadLetter) => DeadLetter): Handlers & { items: DeadLetter[] } {
  const items = [...initial];
  return {
    items,
    listDeadLetters: ({ status }) => ({ deadLetters: items.filter((d) => status === DeadLetterStatus.UNSPECIFIED || d.status === status) }),
    getDeadLetter: ({ id }) => {
      const found = items.find((d) => d.id === id);
      if (found === undefined) throw new ConnectError(`dead letter ${id} not found`, Code.NotFound);
      return create(GetDeadLetterResponseSchema, { deadLetter: found, payloadJson: '{"transaction":{"id":"tx-1"}}' });
    },
    replayDeadLetter: ({ id }) => {
      const index = items.findIndex((d) => d.id === id);
      const current = items[index];
      if (current === undefined) throw new ConnectError("not found", Code.NotFound);
      const next = replay?.(current) ?? { ...current, status: DeadLetterStatus.REPLAYED, resolvedBy: "ada@example.test" };
      items[index] = next;
      return { deadLetter: next };
    },
    discardDeadLetter: ({ id }) => {
      const index = items.findIndex((d) => d.id === id);
      const current = items[index];
      if (current === undefined) throw new ConnectError("not found", Code.NotFound);
      items[index] = { ...current, status: DeadLetterStatus.DISCARDED };
      return { deadLetter: items[index] };
    },
  };
}

describe("dead letters", () => {
  it("lists pending dead letters with their error", async () => {
    renderApp({ path: "/dlq", session: Role.VIEWER, handlers: dlqService([deadLetter(), deadLetter({ id: 13n, status: DeadLetterStatus.REPLAYED })]) });
    const row = await screen.findByTestId("dlq-row-12");
    expect(within(row).getByText("account acc-9 not in read model")).toBeTruthy();
    expect(within(row).getByText("Pending")).toBeTruthy();
    // The default filter is "pending".
    expect(screen.queryByTestId("dlq-row-13")).toBeNull();
  });

  it("shows a viewer no replay or discard", async () => {
    renderApp({ path: "/dlq", session: Role.VIEWER, handlers: dlqService([deadLetter()]) });
    await screen.findByTestId("dlq-row-12");
    expect(screen.queryByRole("button", { name: /replay/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /discard/i })).toBeNull();
  });

  it("replays after confirmation, with the CSRF token, and shows the result", async () => {
    const service = dlqService([deadLetter()]);
    const { user, calls } = renderApp({ path: "/dlq", session: Role.OPERATOR, handlers: service });
    const row = await screen.findByTestId("dlq-row-12");
    await user.click(within(row).getByRole("button", { name: "Replay dead letter 12" }));

    const dialog = screen.getByRole("dialog", { name: "Replay dead letter 12?" });
    expect(callsOf(calls, "ReplayDeadLetter")).toHaveLength(0);
    // Focus moves into the dialog.
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.click(within(dialog).getByTestId("confirm-dialog-confirm"));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("Dead letter 12 replayed.")).toBeTruthy();
    const [replay] = callsOf(calls, "ReplayDeadLetter");
    expect(replay?.header.get("x-csrf-token")).toBe(testCsrfToken);
    expect(service.items[0]?.status).toBe(DeadLetterStatus.REPLAYED);
    // The list refetches: the replayed letter leaves the "pending" view.
    await waitFor(() => expect(screen.queryByTestId("dlq-row-12")).toBeNull());
    expect(screen.getByText("No dead letters match these filters.")).toBeTruthy();
  });

  it("cancelling the confirmation calls nothing; Escape closes it too", async () => {
    const { user, calls } = renderApp({ path: "/dlq", handlers: dlqService([deadLetter()]) });
    const row = await screen.findByTestId("dlq-row-12");
    await user.click(within(row).getByRole("button", { name: "Discard dead letter 12" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await user.click(within(row).getByRole("button", { name: "Discard dead letter 12" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(callsOf(calls, "DiscardDeadLetter")).toHaveLength(0);
  });

  it("keeps the dialog open with the server's error when the replay is refused", async () => {
    const service = dlqService([deadLetter()]);
    service.replayDeadLetter = () => {
      throw new ConnectError("the projector is not running", Code.FailedPrecondition);
    };
    const { user } = renderApp({ path: "/dlq", handlers: service });
    const row = await screen.findByTestId("dlq-row-12");
    await user.click(within(row).getByRole("button", { name: "Replay dead letter 12" }));
    await user.click(screen.getByTestId("confirm-dialog-confirm"));
    const dialog = screen.getByRole("dialog");
    expect((await within(dialog).findByRole("alert")).textContent).toContain("the projector is not running");
  });

  it("shows the detail with headers and the decoded payload, and replays from there", async () => {
    const { user } = renderApp({ path: "/dlq/12", handlers: dlqService([deadLetter()]) });
    expect((await screen.findByTestId("dlq-payload-json")).textContent).toContain('"id": "tx-1"');
    expect(screen.getByTestId("dlq-error").textContent).toBe("account acc-9 not in read model");
    expect(screen.getByRole("region", { name: "Dead letter headers" }).textContent).toContain("ce_type");
    await user.click(screen.getByRole("button", { name: "Replay dead letter 12" }));
    await user.click(screen.getByTestId("confirm-dialog-confirm"));
    await waitFor(() => expect(screen.getByTestId("dlq-detail-status").textContent).toContain("Replayed"));
    expect(screen.queryByRole("button", { name: "Replay dead letter 12" })).toBeNull();
  });

  it("shows the decode error and the bytes when the payload does not decode", async () => {
    renderApp({
      path: "/dlq/12",
      handlers: {
        getDeadLetter: () => create(GetDeadLetterResponseSchema, { deadLetter: deadLetter(), decodeError: "premature EOF", payload: new Uint8Array([0x0a, 0x03, 0x66, 0x6f, 0x6f]) }),
      },
    });
    expect((await screen.findByText(/premature EOF/)).textContent).toContain("premature EOF");
    expect(screen.getByTestId("dlq-payload-base64").textContent).toBe("CgNmb28=");
  });
});
