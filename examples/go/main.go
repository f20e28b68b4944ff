// A Go client of the ledger built from proto/ alone: creates two accounts, posts a transfer,
// reads the balance back, and shows the standard error details of a refused overdraft.
//
// Usage: go run . -addr 127.0.0.1:9090 [-token TOKEN] [-prefix go-example]
// Prints one JSON object with what it saw, for people and for the tests.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	ledgerv1 "github.com/ledgerflow/ledgerflow/gen/go/ledgerflow/ledger/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

type report struct {
	TransactionID string `json:"transaction_id"`
	Status        string `json:"status"`
	Balance       string `json:"balance"`
	OverdraftCode string `json:"overdraft_code"`
	Reason        string `json:"reason"`
	Domain        string `json:"domain"`
	Available     string `json:"available"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:9090", "the ledger's gRPC address (cleartext HTTP/2)")
	token := flag.String("token", os.Getenv("LEDGER_TOKEN"), "bearer token, when the ledger requires one")
	prefix := flag.String("prefix", "go-example", "prefix of the account codes and idempotency keys")
	flag.Parse()
	if err := run(*addr, *token, *prefix); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(addr, token, prefix string) error {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := ledgerv1.NewLedgerServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if token != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}

	cash, err := client.CreateAccount(ctx, &ledgerv1.CreateAccountRequest{Code: prefix + ":cash", Currency: "USD", NormalBalance: ledgerv1.NormalBalance_NORMAL_BALANCE_DEBIT, AllowOverdraft: true})
	if err != nil {
		return fmt.Errorf("create cash account: %w", err)
	}
	wallet, err := client.CreateAccount(ctx, &ledgerv1.CreateAccountRequest{Code: prefix + ":wallet", Currency: "USD", NormalBalance: ledgerv1.NormalBalance_NORMAL_BALANCE_CREDIT})
	if err != nil {
		return fmt.Errorf("create wallet account: %w", err)
	}
	posted, err := client.PostTransaction(ctx, &ledgerv1.PostTransactionRequest{
		IdempotencyKey: prefix + "-top-up",
		Entries: []*ledgerv1.EntryInput{
			{AccountId: cash.GetAccount().GetId(), Direction: ledgerv1.Direction_DIRECTION_DEBIT, Amount: "1050"},
			{AccountId: wallet.GetAccount().GetId(), Direction: ledgerv1.Direction_DIRECTION_CREDIT, Amount: "1050"},
		},
	})
	if err != nil {
		return fmt.Errorf("post transaction: %w", err)
	}
	balance, err := client.GetBalance(ctx, &ledgerv1.GetBalanceRequest{AccountId: wallet.GetAccount().GetId()})
	if err != nil {
		return fmt.Errorf("get balance: %w", err)
	}
	out := report{TransactionID: posted.GetTransaction().GetId(), Status: posted.GetTransaction().GetStatus().String(), Balance: balance.GetBalance().GetPosted()}

	// The wallet cannot go below zero: the refusal carries google.rpc.ErrorInfo and InsufficientFunds.
	_, err = client.PostTransaction(ctx, &ledgerv1.PostTransactionRequest{
		IdempotencyKey: prefix + "-too-much",
		Entries: []*ledgerv1.EntryInput{
			{AccountId: wallet.GetAccount().GetId(), Direction: ledgerv1.Direction_DIRECTION_DEBIT, Amount: "5000"},
			{AccountId: cash.GetAccount().GetId(), Direction: ledgerv1.Direction_DIRECTION_CREDIT, Amount: "5000"},
		},
	})
	st := status.Convert(err)
	out.OverdraftCode = st.Code().String()
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			out.Reason, out.Domain = d.GetReason(), d.GetDomain()
		case *ledgerv1.InsufficientFunds:
			out.Available = d.GetAvailable()
		}
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
