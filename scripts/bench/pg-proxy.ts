// A loopback TCP proxy in front of Postgres that counts round trips: a round trip starts each
// time a client sends again after the server has answered (queries pipelined in one go count
// once, as they cost one wait). Used for a short run only; it adds a hop, so nothing is timed
// through it.
import type { Socket, TCPSocketListener } from "bun";

export interface CountingProxy {
  port: number;
  /** Round trips and connections opened since the last reset. */
  counts(): { roundTrips: number; connections: number };
  reset(): void;
  stop(): void;
}

/** One direction of a proxied connection, with what the socket could not take yet. */
class Pipe {
  private backlog: Uint8Array[] = [];
  constructor(private socket?: Socket<Pair>) {}
  attach(socket: Socket<Pair>): void {
    this.socket = socket;
    this.flush();
  }
  write(chunk: Uint8Array): void {
    this.backlog.push(new Uint8Array(chunk));
    this.flush();
  }
  flush(): void {
    while (this.socket && this.backlog.length > 0) {
      const head = this.backlog[0]!;
      const written = this.socket.write(head);
      if (written < head.length) {
        this.backlog[0] = head.subarray(Math.max(0, written));
        return; // the rest goes on `drain`
      }
      this.backlog.shift();
    }
  }
  end(): void {
    this.socket?.end();
  }
}

interface Pair {
  toServer: Pipe;
  toClient: Pipe;
  serverSpoke: boolean;
}

export function startCountingProxy(targetHost: string, targetPort: number): CountingProxy {
  let roundTrips = 0;
  let connections = 0;
  const listener: TCPSocketListener<Pair> = Bun.listen<Pair>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(client) {
        connections += 1;
        const pair: Pair = { toServer: new Pipe(), toClient: new Pipe(client), serverSpoke: true };
        client.data = pair;
        Bun.connect<Pair>({
          hostname: targetHost,
          port: targetPort,
          socket: {
            open(server) {
              server.data = pair;
              pair.toServer.attach(server);
            },
            data(server, chunk) {
              server.data.serverSpoke = true;
              server.data.toClient.write(chunk);
            },
            drain(server) {
              server.data.toServer.flush();
            },
            close(server) {
              server.data.toClient.end();
            },
            error(server) {
              server.data.toClient.end();
            },
          },
        }).catch(() => client.end());
      },
      data(client, chunk) {
        const pair = client.data;
        if (pair.serverSpoke) {
          roundTrips += 1;
          pair.serverSpoke = false;
        }
        pair.toServer.write(chunk);
      },
      drain(client) {
        client.data.toClient.flush();
      },
      close(client) {
        client.data.toServer.end();
      },
      error(client) {
        client.data.toServer.end();
      },
    },
  });
  return {
    port: listener.port,
    counts: () => ({ roundTrips, connections }),
    reset: () => {
      roundTrips = 0;
      connections = 0;
    },
    stop: () => listener.stop(true),
  };
}
