import { SORTS, type SearchSort } from "@/lib/catalog/types";

/**
 * The whole state of a search lives in the URL: `/search?q=…&sort=…&cursor=…`. Facet clicks edit `q`,
 * so one search has one link. The default sort is left out of links to keep them short and canonical.
 */
export interface SearchState {
  q: string;
  sort: SearchSort;
  /** Start the listing at this keyset cursor (a "next page" link) instead of at the top. */
  cursor: string | null;
}

export const DEFAULT_SORT: SearchSort = "relevance";
export const PAGE_SIZE = 50;
const MAX_QUERY_CHARS = 2000;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function single(source: ParamSource, key: string): string | null {
  if (source instanceof URLSearchParams) return source.get(key);
  const value = source[key];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

const isSort = (value: string | null): value is SearchSort => SORTS.some((sort) => sort === value);

/** Reads the state from URL parameters; anything unusable falls back to the default (the API validates q). */
export function parseSearchState(source: ParamSource): SearchState {
  const sort = single(source, "sort");
  const cursor = single(source, "cursor");
  return {
    q: (single(source, "q") ?? "").slice(0, MAX_QUERY_CHARS),
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    cursor: cursor ? cursor : null,
  };
}

function searchParamsFor(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
  if (state.cursor) params.set("cursor", state.cursor);
  return params;
}

/** The page's canonical link for a state. */
export function searchHref(state: SearchState): string {
  const query = searchParamsFor(state).toString();
  return query ? `/search?${query}` : "/search";
}

/** The API request for one page of results (the sort is always explicit there). */
export function searchApiUrl(state: Pick<SearchState, "q" | "sort">, cursor: string | null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams({ q: state.q, sort: state.sort, limit: String(limit) });
  if (cursor) params.set("cursor", cursor);
  return `/api/search?${params.toString()}`;
}
