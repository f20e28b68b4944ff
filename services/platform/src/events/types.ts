// The event transport, behind a small interface of our own: a publisher, and a consumer-group
// consumer that commits a batch's offsets only after its handler returned. Kafka and the embedded
// Postgres log implement it alike (contract.test.ts), and the Kafka client could be swapped.
export interface EventRecord {
  topic: string;
  /** Partition key: events with the same key keep their order. */
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
}

export interface ConsumedEvent extends EventRecord {
  /** Kafka partition; 0 on the Postgres log (one ordered log per topic). */
  partition: number;
  /** Kafka offset or log offset, as a decimal string. */
  offset: string;
  /** When the transport accepted the event. */
  timestamp: Date;
}

export type TransportKind = "kafka" | "postgres";

export interface EventPublisher {
  readonly kind: TransportKind;
  /** Resolves once every record is durably accepted; order is kept per key. */
  publish(records: EventRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages after the group's committed position. */
  messages: number;
}

/** Handles one batch of one partition, in order. Throwing leaves the batch uncommitted. */
export type BatchHandler = (batch: ConsumedEvent[]) => Promise<void>;

export interface EventConsumer {
  readonly kind: TransportKind;
  /** Starts consuming in the background; returns once subscribed. */
  start(handle: BatchHandler): Promise<void>;
  lag(): Promise<PartitionLag[]>;
  /** Stops after the batch in hand (its offsets committed or not, never half). */
  close(): Promise<void>;
}

export const TOPICS = {
  accounts: "ledgerflow.ledger.accounts.v1",
  transactions: "ledgerflow.ledger.transactions.v1",
  dlq: "ledgerflow.ledger.dlq.v1",
} as const;

export const totalLag = (lag: PartitionLag[]): number => lag.reduce((n, l) => n + l.messages, 0);
