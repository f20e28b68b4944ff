// Account codes to ids, per ledger, for the accounts the writer has already resolved. A posting
// that names its accounts by code then needs no look-up round trip before it locks them.
//
// No invalidation is needed: an account's id, ledger and code are immutable and accounts are never
// deleted (tg_accounts__guard, tg_accounts__forbid_delete in sql/migrations/0002), so a mapping
// seen once holds for good. Only codes that resolved are kept (a code may name an account created
// later). Everything mutable about an account (overdraft policy, balances) is read under the
// writer's row locks in every batch, never from here.
export class AccountDirectory {
  private readonly ids = new Map<string, string>();

  /** `capacity`: mappings kept, at most; the oldest goes first. */
  constructor(private readonly capacity: number = ACCOUNT_DIRECTORY_CAPACITY) {}

  get size(): number {
    return this.ids.size;
  }

  get(ledger: string, code: string): string | undefined {
    return this.ids.get(key(ledger, code));
  }

  remember(ledger: string, code: string, id: string): void {
    const k = key(ledger, code);
    if (this.ids.has(k)) return;
    if (this.ids.size >= this.capacity) this.ids.delete(this.ids.keys().next().value!);
    this.ids.set(k, id);
  }
}

/** About 100 bytes per mapping: 100,000 accounts in about 10 MB. */
export const ACCOUNT_DIRECTORY_CAPACITY = 100_000;

const key = (ledger: string, code: string) => `${ledger}\u0000${code}`;
