import { useLocation, useSearchParams } from "react-router";
import { PageHeader } from "../../../components/page.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { useCan } from "../../session/index.ts";
import { PostTransactionForm } from "./post-transaction-form.tsx";

export function PostTransactionPage() {
  const allowed = useCan("postTransaction");
  const ledger = useLedger();
  const [params] = useSearchParams();
  // Every visit is a new form: following the "Post transaction" link again after posting starts
  // afresh instead of showing the last result.
  const location = useLocation();
  return (
    <>
      <PageHeader title="Post transaction" description={`Into ledger “${ledger}”. Debits must equal credits in every currency.`} />
      {allowed ? <PostTransactionForm key={location.key} initialAccountCode={params.get("account") ?? ""} /> : <p role="alert">Your role cannot post transactions.</p>}
    </>
  );
}
