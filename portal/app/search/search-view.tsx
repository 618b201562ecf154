"use client";

import { keepPreviousData, useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { withBasePath } from "@/lib/base-path";
import { addTerm, removeTerm, type TermField } from "@/lib/catalog/query";
import { ApiError, fetchJson } from "@/lib/api-client";
import type { SearchResult } from "@/lib/api-responses";
import type { SearchSort } from "@/lib/catalog/types";
import { formatCount } from "../_components/format";
import { LoadMore } from "../_components/load-more";
import { ShareControl } from "../_components/share-control";
import { FacetSidebar, type FacetToggle } from "./facet-sidebar";
import { QueryBox, type PositionedError } from "./query-box";
import { RunHistogram } from "./run-histogram";
import { focusFirstResult, ResultsTable } from "./results-table";
import { parseSearchState, searchApiUrl, searchHref, type SearchState } from "./search-state";
import { WatchSearchControl } from "./watch-search-control";

/** The facets listed as links: the run number is drawn as a histogram instead. */
const withoutRunBuckets = (facets: SearchResult["facets"]): SearchResult["facets"] => ({
  ...facets,
  run: { ...facets.run, buckets: [] },
});

/** "26 results", or "About 72,000 results" when the total is estimated from a sample. */
function resultCount(total: SearchResult["total"]): string {
  if (total.capped) return `About ${formatCount(total.value)} results`;
  return `${formatCount(total.value)} ${total.value === 1 ? "result" : "results"}`;
}

interface SearchViewProps {
  /** The state the server rendered, and its first page when it could compute it cheaply. */
  initialState: SearchState;
  initialResult: SearchResult | null;
  defaultInstance: string;
  /** Whether to offer "Watch this search". */
  signedIn: boolean;
  /** PORTAL_JUPYTERLAB_LINK, or null when no "Open in JupyterLab" link is offered. */
  jupyterLabTemplate: string | null;
}

/**
 * The search page's client side. The URL is the only state: typing, sorting and facet clicks push a
 * new URL (no server round trip, Next.js keeps useSearchParams in step) and the query follows it.
 */
export function SearchView({
  initialState,
  initialResult,
  defaultInstance,
  signedIn,
  jupyterLabTemplate,
}: SearchViewProps) {
  const state = parseSearchState(new URLSearchParams(useSearchParams().toString()));
  const inputRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const isInitial =
    state.q === initialState.q && state.sort === initialState.sort && state.cursor === initialState.cursor;
  const results = useInfiniteQuery<SearchResult, Error, InfiniteData<SearchResult>, readonly unknown[], string | null>({
    queryKey: ["search", state.q, state.sort, state.cursor],
    queryFn: ({ pageParam, signal }) => fetchJson<SearchResult>(searchApiUrl(state, pageParam), { signal }),
    initialPageParam: state.cursor,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: isInitial && initialResult ? { pages: [initialResult], pageParams: [initialState.cursor] } : undefined,
    // Keep the previous results (and facets) on screen while the next search runs.
    placeholderData: keepPreviousData,
  });

  const navigate = useCallback((next: SearchState) => {
    window.history.pushState(null, "", withBasePath(searchHref(next)));
  }, []);
  const search = (q: string, sort: SearchSort) => navigate({ q, sort, cursor: null });

  const toggleFor = (field: TermField, value: string): FacetToggle => {
    const without = removeTerm(state.q, field, value);
    const active = without !== state.q;
    const q = active ? without : addTerm(state.q, field, value);
    return { active, q, href: searchHref({ q, sort: state.sort, cursor: null }) };
  };

  // "/" anywhere outside a text field jumps to the query box.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pages = results.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const first = pages[0];
  const error = results.error;
  const queryError: PositionedError | null =
    error instanceof ApiError && error.status === 400
      ? { message: error.message, position: error.position, length: error.length }
      : null;
  const searching = results.isFetching && !results.isFetchingNextPage;

  return (
    <div className="search-page">
      <QueryBox
        q={state.q}
        sort={state.sort}
        error={queryError}
        inputRef={inputRef}
        onSearch={search}
        onLeaveDown={() => focusFirstResult(tableRef.current)}
      />
      <div className="search-layout">
        <FacetSidebar
          facets={queryError ? undefined : first && withoutRunBuckets(first.facets)}
          metaFacets={queryError ? undefined : first?.metaFacets}
          toggleFor={toggleFor}
          onToggle={(q) => search(q, state.sort)}
        >
          {first && !queryError && (
            <RunHistogram
              facet={first.facets.run}
              q={state.q}
              onSearch={(q) => search(q, state.sort)}
              hrefFor={(q) => searchHref({ q, sort: state.sort, cursor: null })}
            />
          )}
        </FacetSidebar>
        <section className="search-results" aria-labelledby="results-heading" aria-busy={searching}>
          <div className="results-bar">
            <h2 id="results-heading" className="results-heading">
              {first && !queryError ? resultCount(first.total) : "Results"}
            </h2>
            <p className="muted" role="status">
              {searching ? "Searching…" : first && !queryError ? `${first.tookMs} ms` : ""}
            </p>
            <ShareControl
              label="Share this search"
              portalPath={searchHref({ q: state.q, sort: state.sort, cursor: null })}
              jupyterLabTemplate={jupyterLabTemplate}
            />
            {signedIn && <WatchSearchControl q={state.q} sort={state.sort} />}
          </div>
          {state.cursor && (
            <p className="notice">
              This link starts at a later page of the results.{" "}
              <Link href={searchHref({ ...state, cursor: null })}>Back to the first page</Link>
            </p>
          )}
          {queryError && <p className="muted">Correct the query above to see results.</p>}
          {error && !queryError && (
            <p role="alert" className="error">
              The search failed: {error.message}
            </p>
          )}
          {!first && results.isPending && <p className="loading">Loading results…</p>}
          {first && !queryError && items.length === 0 && (
            <div className="empty">
              <p>
                No datasets match <code>{state.q}</code>.
              </p>
              <p className="muted">
                Check the spelling, drop a filter, or use wildcards (<code>*</code>) in names.
              </p>
            </div>
          )}
          {items.length > 0 && !queryError && (
            <>
              <ResultsTable
                items={items}
                defaultInstance={defaultInstance}
                tableRef={tableRef}
                onLeaveUp={() => inputRef.current?.focus()}
              />
              <LoadMore
                shown={`Showing ${formatCount(items.length)} of ${first?.total.capped ? "about " : ""}${formatCount(first?.total.value)}`}
                pages={results}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
