import { Code, ConnectError } from "@connectrpc/connect";
import { DeadLetterStatus, Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { describe, expect, it, vi } from "vitest";
import { callsOf, createTestApi } from "../test/render-app.tsx";
import { deadLetter, testCsrfToken } from "../test/fixtures.ts";
import { csrfHeaderName } from "./api-client.ts";

describe("the API client", () => {
  it("sends the session's CSRF token on a state-changing call", async () => {
    const { api, calls } = createTestApi({
      replayDeadLetter: ({ id }) => ({ deadLetter: deadLetter({ id, status: DeadLetterStatus.REPLAYED }) }),
    });
    await api.client.getSession({});
    const response = await api.client.replayDeadLetter({ id: 12n });
    expect(response.deadLetter?.status).toBe(DeadLetterStatus.REPLAYED);
    const [replay] = callsOf(calls, "ReplayDeadLetter");
    expect(replay?.header.get(csrfHeaderName)).toBe(testCsrfToken);
  });

  it("sends no token before the session is known", async () => {
    const { api, calls } = createTestApi({});
    await api.client.getHealth({}).catch(() => undefined);
    expect(callsOf(calls, "GetHealth")[0]?.header.has(csrfHeaderName)).toBe(false);
  });

  it("reports a call failing unauthenticated, but not GetSession itself", async () => {
    const { api } = createTestApi(
      {
        getHealth: () => {
          throw new ConnectError("session expired", Code.Unauthenticated);
        },
      },
      "signed-out",
    );
    const listener = vi.fn();
    api.onUnauthenticated(listener);
    await expect(api.client.getSession({})).rejects.toMatchObject({ code: Code.Unauthenticated });
    expect(listener).not.toHaveBeenCalled();
    await expect(api.client.getHealth({})).rejects.toMatchObject({ code: Code.Unauthenticated });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("keeps other failures to the caller", async () => {
    const { api } = createTestApi(
      {
        getHealth: () => {
          throw new ConnectError("ledger down", Code.Unavailable);
        },
      },
      Role.VIEWER,
    );
    const listener = vi.fn();
    api.onUnauthenticated(listener);
    await expect(api.client.getHealth({})).rejects.toMatchObject({ code: Code.Unavailable, rawMessage: "ledger down" });
    expect(listener).not.toHaveBeenCalled();
  });
});
