/**
 * The catalog's public shapes, shared by the search module, the indexer, the API routes and the pages.
 * The whole search state is `q` + `sort` (+ `cursor`): facet clicks add `field:value` terms to `q`,
 * so every search has one canonical, shareable URL.
 */
export const SORTS = ["relevance", "newest", "size", "name"] as const;
export type SearchSort = (typeof SORTS)[number];

export const FACETS = [
  "instance",
  "scope",
  "type",
  "project",
  "datatype",
  "stream",
  "prodStep",
  "campaign",
  "run",
] as const;
export type FacetName = (typeof FACETS)[number];

export interface SearchRequest {
  q: string;
  sort: SearchSort;
  /** Opaque keyset cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
  /** Restrict to one configured Rucio instance; all instances when absent. */
  instance?: string;
}

export interface CatalogDid {
  instance: string;
  scope: string;
  name: string;
  type: "DATASET" | "CONTAINER" | "FILE";
  bytes: number | null;
  files: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  account: string | null;
  project: string | null;
  datatype: string | null;
  runNumber: number | null;
  stream: string | null;
  prodStep: string | null;
  version: string | null;
  campaign: string | null;
  events: number | null;
}

/** A syntax error in `q`, positioned so the UI can underline it. */
export interface QueryError {
  message: string;
  /** Zero-based offset into `q` and length of the offending text. */
  position: number;
  length: number;
}
