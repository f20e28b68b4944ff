import { Direction, EntryEffect, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { Badge, type Tone } from "./badge.tsx";

export function transactionStatusLabel(status: TransactionStatus): string {
  switch (status) {
    case TransactionStatus.PENDING:
      return "Pending";
    case TransactionStatus.POSTED:
      return "Posted";
    case TransactionStatus.VOIDED:
      return "Voided";
    case TransactionStatus.REVERSED:
      return "Reversed";
    default:
      return "Unknown";
  }
}

function statusTone(status: TransactionStatus): Tone {
  switch (status) {
    case TransactionStatus.PENDING:
      return "warn";
    case TransactionStatus.POSTED:
      return "ok";
    case TransactionStatus.VOIDED:
    case TransactionStatus.REVERSED:
      return "neutral";
    default:
      return "neutral";
  }
}

export function TransactionStatusBadge({ status, testId }: { status: TransactionStatus; testId?: string }) {
  return (
    <Badge tone={statusTone(status)} testId={testId}>
      {transactionStatusLabel(status)}
    </Badge>
  );
}

export function transactionTypeLabel(type: TransactionType): string {
  switch (type) {
    case TransactionType.STANDARD:
      return "Standard";
    case TransactionType.PENDING:
      return "Hold";
    case TransactionType.COMMIT:
      return "Commit";
    case TransactionType.VOID:
      return "Void";
    case TransactionType.REVERSAL:
      return "Reversal";
    default:
      return "Unknown";
  }
}

export function directionLabel(direction: Direction): string {
  return direction === Direction.DEBIT ? "Debit" : direction === Direction.CREDIT ? "Credit" : "—";
}

export function effectLabel(effect: EntryEffect): string {
  switch (effect) {
    case EntryEffect.POST:
      return "Post";
    case EntryEffect.HOLD:
      return "Hold";
    case EntryEffect.RELEASE:
      return "Release";
    default:
      return "—";
  }
}
