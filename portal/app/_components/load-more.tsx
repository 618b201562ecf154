import type { ReactNode } from "react";

/** What LoadMore needs of a paged query (TanStack Query's useInfiniteQuery result fits). */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The "Showing …" line under a paged list and, while there are more pages, the button that loads the next. */
export function LoadMore({
  shown,
  pages,
  label = "Load more",
}: {
  shown: ReactNode;
  pages: PagedQuery;
  label?: string;
}) {
  return (
    <div className="load-more">
      <p className="muted">{shown}</p>
      {pages.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {pages.isFetchingNextPage ? "Loading…" : label}
        </button>
      )}
    </div>
  );
}
