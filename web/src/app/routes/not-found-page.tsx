import { Link } from "react-router";
import { PageHeader } from "../../components/page.tsx";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        Nothing lives at this address. Go to the <Link to="/health">health overview</Link>.
      </p>
    </>
  );
}
