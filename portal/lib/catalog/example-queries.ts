import type { SearchResult } from "@/lib/api-responses";
import { addTerm } from "./query";
import type { FacetName } from "./types";

export interface ExampleQuery {
  q: string;
  /** DIDs it finds (as the facet counted them). */
  count: number;
  capped: boolean;
}

/** The facets examples are drawn from, in the order a physicist narrows a search. */
const EXAMPLE_FACETS: FacetName[] = ["datatype", "project", "run", "campaign", "stream", "scope"];

/**
 * Searches to try, made of the catalog's own values: the most common value of each facet in
 * EXAMPLE_FACETS that has one (for the run number, its busiest range), as the query language writes it.
 */
export function exampleQueries(facets: SearchResult["facets"], max = 5): ExampleQuery[] {
  const examples: ExampleQuery[] = [];
  for (const facet of EXAMPLE_FACETS) {
    const top = facets[facet]?.buckets[0];
    if (top) examples.push({ q: addTerm("", facet, top.value), count: top.count, capped: facets[facet].capped });
  }
  return examples.slice(0, max);
}
