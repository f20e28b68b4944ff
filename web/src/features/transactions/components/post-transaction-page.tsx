import { useSearchParams } from "react-router";
import { PageHeader } from "../../../components/page.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { useCan } from "../../session/hooks/use-session.ts";
import { PostTransactionForm } from "./post-transaction-form.tsx";

export function PostTransactionPage() {
  const allowed = useCan("postTransaction");
  const ledger = useLedger();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title="Post transaction" description={`Into ledger “${ledger}”. Debits must equal credits in every currency.`} />
      {allowed ? <PostTransactionForm initialAccountCode={params.get("account") ?? ""} /> : <p role="alert">Your role cannot post transactions.</p>}
    </>
  );
}
