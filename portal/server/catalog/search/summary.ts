import "server-only";
import type { Count, SearchResult } from "@/lib/api-responses";
import type { Filter } from "./compile";
import {
  facetCountsOver,
  facetCountsSql,
  type FacetCounts,
  facetResult,
  type FacetRow,
  metaFacetResult,
  readFacetRows,
} from "./facets";
import { hitsWhere, SAMPLE_MODULI, type SampleModulus } from "./hits";
import type { Sql } from "./sql";

/** What a page needs besides its rows: how many hits, facet counts, and which way they were measured. */
export interface Summary {
  total: Count;
  facets: SearchResult["facets"];
  metaFacets: SearchResult["metaFacets"];
  /** The sample the counts were estimated from, or null when they are exact. */
  sample: SampleModulus | null;
}

/**
 * A sample holding at least this many hits stands for the whole result set: counts are then the
 * sample's, scaled. Below it in both samples the hits are few (about 2,000 or fewer) and are all counted.
 */
export const SAMPLE_MIN_HITS = 32;

export type RunQuery = (query: Sql) => Promise<Record<string, unknown>[]>;

/** Two significant digits: an estimate should not look more precise than it is. */
export function roundEstimate(value: number): number {
  if (value < 100) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/**
 * Total and facet counts of the hits. Exact when the hits are few; otherwise estimated from the
 * sparsest fixed sample that holds enough of them (every 1024th, then every 64th id), so the work is
 * bounded by the sample size whatever the number of hits. The sample is a function of the data alone,
 * so both dialects choose the same one and report the same numbers.
 */
export async function summarize(filter: Filter, run: RunQuery, metaKeys: readonly string[] = []): Promise<Summary> {
  for (const modulus of SAMPLE_MODULI) {
    const counts = readFacetRows(
      (await run(facetCountsOver(filter.dialect, hitsWhere(filter, modulus), metaKeys))) as FacetRow[],
      modulus,
      metaKeys,
    );
    if (counts.rows >= SAMPLE_MIN_HITS * modulus) {
      return {
        total: { value: roundEstimate(counts.rows), capped: true },
        ...results(counts, metaKeys, true),
        sample: modulus,
      };
    }
  }
  const counts = readFacetRows(
    (await run({ ...facetCountsOver(filter.dialect, hitsWhere(filter), metaKeys), large: true })) as FacetRow[],
    1,
    metaKeys,
  );
  return { total: { value: counts.rows, capped: false }, ...results(counts, metaKeys, false), sample: null };
}

const results = (counts: FacetCounts, metaKeys: readonly string[], capped: boolean) => ({
  facets: facetResult(counts, capped),
  metaFacets: metaFacetResult(counts, metaKeys, capped),
});

/** Exact counts over the whole catalog (for the empty query), one GROUP BY per facet on its index. */
export async function summarizeCatalog(
  filter: Filter,
  run: RunQuery,
  metaKeys: readonly string[] = [],
): Promise<Summary> {
  const counts = readFacetRows(
    (await run({ text: facetCountsSql(filter.dialect, `"Did"`, metaKeys), params: [] })) as FacetRow[],
    1,
    metaKeys,
  );
  return { total: { value: counts.rows, capped: false }, ...results(counts, metaKeys, false), sample: null };
}
