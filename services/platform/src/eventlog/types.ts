// The event transport, behind a small interface of our own so Kafka and the embedded
// Postgres-backed log are interchangeable (and the Kafka client could be swapped).
export interface EventRecord {
  topic: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
}

export interface ConsumedEvent extends EventRecord {
  /** Kafka partition; 0 for the Postgres log. */
  partition: number;
  /** Kafka offset or log offset, as a decimal string. */
  offset: string;
  timestamp: Date;
}

export interface EventSink {
  readonly kind: "kafka" | "postgres";
  publish(records: EventRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages behind the newest. */
  messages: number;
}

export interface EventSource {
  /** Calls `handle` with batches in order per partition; offsets are committed after it returns. */
  run(handle: (batch: ConsumedEvent[]) => Promise<void>): Promise<void>;
  lag(): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

export const TOPICS = {
  accounts: "ledgerflow.ledger.accounts.v1",
  transactions: "ledgerflow.ledger.transactions.v1",
  dlq: "ledgerflow.ledger.dlq.v1",
} as const;
