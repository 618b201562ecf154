import "server-only";
import type { FacetBucket, SearchResult } from "@/lib/api-responses";
import { META_KEY } from "@/lib/catalog/query";
import { FACETS, type FacetName } from "@/lib/catalog/types";
import { binaryColumn, type Dialect, numberOf, type Sql } from "./sql";

/** Buckets shown per facet; the counts of the others are still in the totals. */
export const BUCKETS_PER_FACET = 20;
/** Width of a run-number facet bucket. */
export const RUN_BUCKET = 1000;

const FACET_COLUMNS: Record<FacetName, string> = {
  instance: "instance",
  scope: "scope",
  type: "didType",
  project: "project",
  datatype: "datatype",
  stream: "streamName",
  prodStep: "prodStep",
  campaign: "campaign",
  run: "runNumber",
};
export const FACET_SOURCE_COLUMNS = [...new Set(Object.values(FACET_COLUMNS))].map((c) => `"${c}"`).join(", ");

const bucketExpression = (facet: FacetName) =>
  facet === "run" ? `CAST("runNumber" / ${RUN_BUCKET} AS TEXT)` : `"${FACET_COLUMNS[facet]}"`;

/** A metadata key as a facet: a valid key (configuration, never a visitor's input) and its SQL text value. */
function metaFacetGroup(dialect: Dialect, key: string, index: number, from: string): string {
  if (!META_KEY.test(key)) throw new Error(`metadata facet key "${key}" is not a metadata key`);
  // Text values only, as meta.KEY:value matches them; numbers and booleans are ranges and flags, not buckets.
  const [value, isText] =
    dialect === "sqlite"
      ? [`json_extract("meta", '$."${key}"')`, `json_type("meta", '$."${key}"') = 'text'`]
      : [`("meta" ->> '${key}')`, `jsonb_typeof("meta" -> '${key}') = 'string'`];
  return `SELECT ${index} AS f, ${value} AS v, count(*) AS n FROM ${from} WHERE ${isText} GROUP BY ${value}`;
}

/**
 * One statement counting every facet over the rows of `from` (a table or a materialized CTE): a
 * GROUP BY per facet, then per metadata key of `metaKeys` (facet indexes after FACETS'), the top buckets
 * of each kept by a window (ties broken by byte order of the value, identically in both dialects), plus
 * the number of rows as facet index -1.
 */
export function facetCountsSql(dialect: Dialect, from: string, metaKeys: readonly string[] = []): string {
  const groups = FACETS.map((facet, index) => {
    const expr = bucketExpression(facet);
    return `SELECT ${index} AS f, ${expr} AS v, count(*) AS n FROM ${from} WHERE "${FACET_COLUMNS[facet]}" IS NOT NULL GROUP BY ${expr}`;
  });
  metaKeys.forEach((key, i) => groups.push(metaFacetGroup(dialect, key, FACETS.length + i, from)));
  return `SELECT f, v, n FROM (
      SELECT f, v, n, row_number() OVER (PARTITION BY f ORDER BY n DESC, ${binaryColumn(dialect, "v")}) AS r
      FROM (${groups.join("\n UNION ALL ")}) AS g
    ) AS ranked WHERE r <= ${BUCKETS_PER_FACET}
    UNION ALL SELECT -1, NULL, count(*) FROM ${from}`;
}

/** Facet counts over the hits that `where` selects, reading each hit once (a materialized CTE). */
export function facetCountsOver(dialect: Dialect, where: Sql, metaKeys: readonly string[] = []): Sql {
  const columns = metaKeys.length ? `${FACET_SOURCE_COLUMNS}, "meta"` : FACET_SOURCE_COLUMNS;
  return {
    text: `WITH hits AS MATERIALIZED (SELECT ${columns} FROM "Did" WHERE ${where.text})\n${facetCountsSql(dialect, "hits", metaKeys)}`,
    params: where.params,
  };
}

export type FacetRow = { f: unknown; v: unknown; n: unknown };

export interface FacetCounts {
  rows: number;
  facets: Record<FacetName, FacetBucket[]>;
  /** Per metadata key asked for, in the order asked. */
  metaFacets: FacetBucket[][];
}

function bucket(facet: FacetName, value: string, count: number): FacetBucket {
  if (facet === "run") {
    const from = Number(value) * RUN_BUCKET;
    return { value: `${from}..${from + RUN_BUCKET - 1}`, label: `${from}–${from + RUN_BUCKET - 1}`, count };
  }
  if (facet === "type") return { value: value.toLowerCase(), label: value.toLowerCase(), count };
  return { value, label: value, count };
}

/** Rows of facetCountsSql as buckets, each count multiplied by `scale` (a sample's inverse rate). */
export function readFacetRows(rows: FacetRow[], scale = 1, metaKeys: readonly string[] = []): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetBucket[]])) as Record<
    FacetName,
    FacetBucket[]
  >;
  const metaFacets = metaKeys.map(() => [] as FacetBucket[]);
  let total = 0;
  for (const row of rows) {
    const index = numberOf(row.f)!;
    const count = numberOf(row.n)! * scale;
    if (index < 0) total = count;
    else if (index >= FACETS.length)
      metaFacets[index - FACETS.length]!.push({ value: String(row.v), label: String(row.v), count });
    else facets[FACETS[index]!].push(bucket(FACETS[index]!, String(row.v), count));
  }
  for (const buckets of metaFacets) buckets.sort((a, b) => b.count - a.count || compareBytes(a.value, b.value));
  // The statement's row order is not guaranteed across UNION ALL: order as the window ranked them.
  for (const facet of FACETS) {
    facets[facet].sort((a, b) => b.count - a.count || compareBytes(rawValue(facet, a), rawValue(facet, b)));
  }
  return { rows: total, facets, metaFacets };
}

const rawValue = (facet: FacetName, b: FacetBucket) =>
  facet === "run"
    ? String(Number(b.value.split("..")[0]) / RUN_BUCKET)
    : facet === "type"
      ? b.value.toUpperCase()
      : b.value;

/** Byte order of UTF-8 (= code point order), the order SQLite's BINARY and PostgreSQL's "C" use. */
export function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

export function facetResult(counts: FacetCounts, capped: boolean): SearchResult["facets"] {
  return Object.fromEntries(
    FACETS.map((facet) => [facet, { buckets: counts.facets[facet], capped }]),
  ) as SearchResult["facets"];
}

export function metaFacetResult(
  counts: FacetCounts,
  metaKeys: readonly string[],
  capped: boolean,
): SearchResult["metaFacets"] {
  return metaKeys.map((key, i) => ({ key, buckets: counts.metaFacets[i]!, capped }));
}
