import "server-only";
import { databaseProvider, db } from "@/server/db/client";
import type { SearchRequest, SearchResult } from "../types";
import { createCatalogSearch } from "./search";

export { CursorError } from "./cursor";
export { type CatalogSearch, createCatalogSearch, MAX_LIMIT } from "./search";

let portalSearch: ReturnType<typeof createCatalogSearch> | undefined;

/** Searches the portal's catalog database. Throws QuerySyntaxError or CursorError for bad input. */
export function search(request: SearchRequest): Promise<SearchResult> {
  portalSearch ??= createCatalogSearch({ provider: databaseProvider, client: db });
  return portalSearch.search(request);
}
