import type { CursorPages } from "../hooks/use-cursor-pages.ts";

export function Pagination({ pages, nextPageToken, label, busy }: { pages: CursorPages; nextPageToken: string | undefined; label: string; busy?: boolean }) {
  if (!pages.hasPrevious && (nextPageToken === undefined || nextPageToken === "")) return null;
  return (
    <nav className="pagination" aria-label={`${label} pages`}>
      <button type="button" className="button button-small" onClick={pages.first} disabled={!pages.hasPrevious}>
        First
      </button>
      <button type="button" className="button button-small" onClick={pages.previous} disabled={!pages.hasPrevious}>
        Previous
      </button>
      <span className="pagination-page" aria-live="polite">
        Page {pages.pageNumber}
        {busy === true ? " (loading…)" : ""}
      </span>
      <button type="button" className="button button-small" onClick={() => pages.next(nextPageToken ?? "")} disabled={nextPageToken === undefined || nextPageToken === ""}>
        Next
      </button>
    </nav>
  );
}
