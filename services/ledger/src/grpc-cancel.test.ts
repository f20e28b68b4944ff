// Calls cancelled at their deadline do not cost the connection: under overload a client cancels
// (RST_STREAM) every call it has in flight, once per deadline, and the listener must go on serving
// it rather than take that for a rapid-reset flood and send GOAWAY.
import { afterAll, beforeAll, expect, test } from "bun:test";
import http2 from "node:http2";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

let ledger: TestLedger;

beforeAll(async () => {
  ledger = await startTestLedger();
}, 60_000);

afterAll(async () => {
  await ledger?.stop();
});

/** A gRPC health check on `session`: the HTTP status and grpc-status of its answer. */
function healthCheck(session: http2.ClientHttp2Session): Promise<{ status: number; grpcStatus: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":method": "POST", ":path": "/grpc.health.v1.Health/Check", "content-type": "application/grpc", te: "trailers" });
    let status = 0;
    stream.on("response", (headers) => (status = Number(headers[":status"])));
    stream.on("trailers", (trailers) => resolve({ status, grpcStatus: String(trailers["grpc-status"]) }));
    stream.on("error", reject);
    stream.on("data", () => undefined);
    // An empty message: no compression flag, length 0.
    stream.end(Buffer.alloc(5));
  });
}

test("1,500 calls cancelled by the client leave the connection serving", async () => {
  const session = http2.connect(ledger.handle.grpcUrl);
  let goaway = false;
  session.on("goaway", () => (goaway = true));
  session.on("error", () => undefined);
  try {
    expect(await healthCheck(session)).toEqual({ status: 200, grpcStatus: "0" });
    // Calls still waiting for their answer (their request is not finished yet), cancelled by the
    // client as at a deadline: 1,500 within about a second.
    for (let wave = 0; wave < 3; wave++) {
      const streams = Array.from({ length: 500 }, () => {
        const stream = session.request({ ":method": "POST", ":path": "/ledgerflow.ledger.v1.LedgerService/GetAccount", "content-type": "application/grpc", te: "trailers" });
        stream.on("error", () => undefined);
        stream.write(Buffer.alloc(5));
        return stream;
      });
      await Bun.sleep(100);
      for (const stream of streams) stream.close(http2.constants.NGHTTP2_CANCEL);
      await Bun.sleep(200);
    }
    expect(await healthCheck(session)).toEqual({ status: 200, grpcStatus: "0" });
    expect(goaway).toBe(false);
  } finally {
    session.destroy();
  }
}, 30_000);
