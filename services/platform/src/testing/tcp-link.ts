// A TCP proxy in front of a test dependency, so a test can cut it like a network link (down()
// closes the listener and every connection through it) and restore it (up()).
import net from "node:net";
import type { AddressInfo } from "node:net";

export class Link {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}

/** A link on a free port to the host and port of `url`, and `url` rewritten to go through it. */
export async function linkTo(url: string): Promise<{ link: Link; url: string }> {
  const target = new URL(url);
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const link = new Link({ host: target.hostname, port: Number(target.port) }, port);
  await link.up();
  const via = new URL(url);
  via.hostname = "127.0.0.1";
  via.port = String(port);
  return { link, url: via.toString() };
}
