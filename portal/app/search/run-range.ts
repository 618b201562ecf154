import type { FacetBucket } from "@/lib/api-responses";
import { parseQuery, printQuery, type Term } from "@/lib/catalog/query";

/**
 * The run-number facet as histogram bins, and the query a brush over them makes: one `run:A..B` term
 * in place of the query's other run terms (exclusions of runs stay).
 */
export interface RunBin {
  /** First and last run of the bin, inclusive. */
  from: number;
  to: number;
  count: number;
}

/** The facet's buckets (`from..to` values) in run order; a bucket of another shape is left out. */
export function runBins(buckets: readonly FacetBucket[]): RunBin[] {
  return buckets
    .map((bucket) => {
      const match = /^(\d+)\.\.(\d+)$/.exec(bucket.value);
      return match ? { from: Number(match[1]), to: Number(match[2]), count: bucket.count } : null;
    })
    .filter((bin) => bin !== null)
    .sort((a, b) => a.from - b.from);
}

const isRunTerm = (term: Term) => term.kind === "field" && term.field === "run" && !term.negated;

/** `q` without its run terms; `q` itself when it has none or does not parse. */
export function withoutRunRange(q: string): string {
  try {
    const query = parseQuery(q);
    const kept = query.terms.filter((term) => !isRunTerm(term));
    return kept.length === query.terms.length ? q : printQuery({ terms: kept });
  } catch {
    return q;
  }
}

/** `q` searching runs `from` to `to` (inclusive) instead of the runs it names now. */
export function withRunRange(q: string, from: number, to: number): string {
  const range = `run:${Math.min(from, to)}..${Math.max(from, to)}`;
  try {
    const query = parseQuery(q);
    return printQuery({ terms: [...query.terms.filter((term) => !isRunTerm(term)), ...parseQuery(range).terms] });
  } catch {
    return `${q.trim()} ${range}`.trim();
  }
}

/** Whether `q` narrows the runs (so the histogram offers to widen them again). */
export function hasRunRange(q: string): boolean {
  return withoutRunRange(q) !== q;
}

/** The first and last bin of a brush from bin `a` to bin `b`, in either direction. */
export function brushOf(a: number, b: number): { start: number; end: number } {
  return { start: Math.min(a, b), end: Math.max(a, b) };
}
