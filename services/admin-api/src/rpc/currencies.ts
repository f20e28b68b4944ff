// Currency scales from the ledger (ListCurrencies), kept for a minute: every balance the
// dashboard formats needs its currency's scale.
import type { Backend } from "../clients/resilient.ts";
import type { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";

const TTL_MS = 60_000;

export class CurrencyCache {
  private cached?: { at: number; scales: Map<string, number> };

  constructor(
    private readonly ledger: Backend<typeof LedgerService>,
    private readonly timeoutMs: number,
  ) {}

  async scales(): Promise<Map<string, number>> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.scales;
    const { currencies } = await this.ledger.client.listCurrencies({}, { timeoutMs: this.timeoutMs });
    this.cached = { at: Date.now(), scales: new Map(currencies.map((c) => [c.code, c.scale])) };
    return this.cached.scales;
  }

  /** The scale of a currency; 0 when the ledger does not know it (never guessed as 2). */
  async scale(code: string): Promise<number> {
    return (await this.scales()).get(code) ?? 0;
  }
}
