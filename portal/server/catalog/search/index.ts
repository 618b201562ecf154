import "server-only";
import { databaseProvider, db } from "@/server/db/client";
import { env } from "@/server/env";
import type { SearchResult } from "@/lib/api-responses";
import type { SearchRequest } from "@/lib/catalog/types";
import { Admission, CatalogBusyError } from "./admission";
import { type CatalogSearch, createCatalogSearch } from "./search";
import { entityTag } from "@/server/http/entity-tag";

export { CatalogBusyError, SearchAbandonedError } from "./admission";
export { CursorError } from "./cursor";
export { type CatalogSearch, createCatalogSearch, MAX_LIMIT } from "./search";
export { SearchTimeoutError } from "./statements";

let portalSearch: CatalogSearch | undefined;
// One search spans every instance: each instance's metadata facets, once.
const metaFacets = [...new Set(env.instances.flatMap((instance) => instance.facets ?? []))];

function portalCatalog(): CatalogSearch {
  portalSearch ??= createCatalogSearch(
    { provider: databaseProvider, client: db },
    { deadlineMs: env.SEARCH_DEADLINE_MS, metaFacets },
  );
  return portalSearch;
}
// SQLite's driver is synchronous: more than two at a time only interleaves; PostgreSQL's pool has 10.
const admission = new Admission(
  env.SEARCH_CONCURRENCY ?? (databaseProvider === "sqlite" ? 2 : 8),
  env.SEARCH_QUEUE_LIMIT,
);

/** Prisma's codes for "no connection or transaction slot in time": the database is saturated. */
const SATURATED = new Set(["P2024", "P2028"]);

/**
 * Searches the portal's catalog database. Throws QuerySyntaxError or CursorError for bad input, and
 * CatalogBusyError when the database or the queue of waiting searches is full, SearchAbandonedError
 * when `signal` (the HTTP request's) aborted before the search's turn, SearchTimeoutError when the
 * search ran past SEARCH_DEADLINE_MS (counted from its turn, not from its arrival).
 */
export function search(request: SearchRequest, signal?: AbortSignal, stamp?: string): Promise<SearchResult> {
  const catalog = portalCatalog();
  return admission.run(async () => {
    try {
      return await catalog.search(request, stamp);
    } catch (error) {
      if (SATURATED.has((error as { code?: string }).code ?? "")) throw new CatalogBusyError();
      throw error;
    }
  }, signal);
}

/**
 * The ETag of a search's answer: it changes when the catalog does (an indexer write, a new row) and is
 * the same in every portal process, so a revalidation is one small read instead of a search. `stamp`
 * is the catalog state it was made from: pass it on to search().
 */
export async function searchETag(request: SearchRequest): Promise<{ etag: string; stamp: string }> {
  const { q, sort, cursor, limit, instance } = request;
  const stamp = await portalCatalog().stamp();
  return { etag: entityTag([stamp, q, sort, cursor ?? null, limit, instance ?? null, metaFacets]), stamp };
}
