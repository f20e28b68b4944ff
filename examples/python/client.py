"""A Python client of the ledger built from proto/ alone.

Creates two accounts, posts a transfer, reads the balance back, and shows the standard error
details (google.rpc.ErrorInfo) and InsufficientFunds of a refused overdraft. Prints one JSON
object with what it saw.

    python -m grpc_tools.protoc -Iproto --python_out=GEN --grpc_python_out=GEN \
        proto/ledgerflow/ledger/v1/ledger.proto
    PYTHONPATH=GEN python examples/python/client.py --addr 127.0.0.1:9090 [--token TOKEN]
"""

import argparse
import json
import os
import sys

import grpc
from google.rpc import error_details_pb2, status_pb2

from ledgerflow.ledger.v1 import ledger_pb2, ledger_pb2_grpc

TIMEOUT_SECONDS = 10


def status_details(error: grpc.RpcError) -> list:
    """The google.rpc.Status details of a failed call (the grpc-status-details-bin trailer)."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            return list(status_pb2.Status.FromString(value).details)
    return []


def run(addr: str, token: str, prefix: str) -> dict:
    metadata = [("authorization", f"Bearer {token}")] if token else []
    with grpc.insecure_channel(addr) as channel:
        ledger = ledger_pb2_grpc.LedgerServiceStub(channel)

        def call(method, request):
            return method(request, timeout=TIMEOUT_SECONDS, metadata=metadata)

        cash = call(ledger.CreateAccount, ledger_pb2.CreateAccountRequest(
            code=f"{prefix}:cash", currency="USD", normal_balance=ledger_pb2.NORMAL_BALANCE_DEBIT, allow_overdraft=True))
        wallet = call(ledger.CreateAccount, ledger_pb2.CreateAccountRequest(
            code=f"{prefix}:wallet", currency="USD", normal_balance=ledger_pb2.NORMAL_BALANCE_CREDIT))
        posted = call(ledger.PostTransaction, ledger_pb2.PostTransactionRequest(
            idempotency_key=f"{prefix}-top-up",
            entries=[
                ledger_pb2.EntryInput(account_id=cash.account.id, direction=ledger_pb2.DIRECTION_DEBIT, amount="1050"),
                ledger_pb2.EntryInput(account_id=wallet.account.id, direction=ledger_pb2.DIRECTION_CREDIT, amount="1050"),
            ]))
        balance = call(ledger.GetBalance, ledger_pb2.GetBalanceRequest(account_id=wallet.account.id))
        out = {
            "transaction_id": posted.transaction.id,
            "status": ledger_pb2.TransactionStatus.Name(posted.transaction.status),
            "balance": balance.balance.posted,
        }
        try:
            call(ledger.PostTransaction, ledger_pb2.PostTransactionRequest(
                idempotency_key=f"{prefix}-too-much",
                entries=[
                    ledger_pb2.EntryInput(account_id=wallet.account.id, direction=ledger_pb2.DIRECTION_DEBIT, amount="5000"),
                    ledger_pb2.EntryInput(account_id=cash.account.id, direction=ledger_pb2.DIRECTION_CREDIT, amount="5000"),
                ]))
            out["overdraft_code"] = "OK"
        except grpc.RpcError as error:
            out["overdraft_code"] = error.code().name
            for detail in status_details(error):
                if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    detail.Unpack(info)
                    out["reason"], out["domain"] = info.reason, info.domain
                elif detail.Is(ledger_pb2.InsufficientFunds.DESCRIPTOR):
                    funds = ledger_pb2.InsufficientFunds()
                    detail.Unpack(funds)
                    out["available"] = funds.available
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default="127.0.0.1:9090", help="the ledger's gRPC address (cleartext HTTP/2)")
    parser.add_argument("--token", default=os.environ.get("LEDGER_TOKEN", ""), help="bearer token, when the ledger requires one")
    parser.add_argument("--prefix", default="python-example", help="prefix of the account codes and idempotency keys")
    args = parser.parse_args()
    try:
        print(json.dumps(run(args.addr, args.token, args.prefix)))
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
