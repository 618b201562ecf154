import "server-only";
import type { Filter } from "./compile";
import { join, type Sql, sql } from "./sql";

/**
 * The fixed catalog samples: every 64th and every 1024th id. Large result sets are measured on them
 * (PostgreSQL has partial full-text and covering indexes over exactly these rows; SQLite has a full-text
 * index of every 64th id, and otherwise steps through the sample's ids).
 */
export const SAMPLE_MODULI = [1024, 64] as const;
export type SampleModulus = (typeof SAMPLE_MODULI)[number];
/** The sample pages consult to find where the next hits lie (see page.ts). */
export const PAGE_SAMPLE: SampleModulus = 64;
/** The rows SQLite's sample full-text index "DidSearchSample" holds (every sample is a subset of them). */
const SAMPLE_INDEX_MODULUS = 64;

/**
 * WHERE clause over "Did" selecting the hits through the full-text index (when the query has text),
 * optionally only those in a sample.
 */
export function hitsWhere(filter: Filter, sample?: SampleModulus): Sql {
  const parts: Sql[] = [];
  if (filter.fts && filter.dialect === "sqlite") {
    // The sample has its own full-text index (every 64th id), so a sample's hits cost a 64th of the postings.
    const table = sample ? "DidSearchSample" : "DidSearch";
    const modulo = sample && sample !== SAMPLE_INDEX_MODULUS ? ` AND rowid % ${sample} = 0` : "";
    parts.push(sql(`"id" IN (SELECT rowid FROM "${table}" WHERE "${table}" MATCH ?${modulo})`, filter.fts));
  } else if (filter.fts) {
    parts.push(sql(`to_tsvector('simple', "searchText") @@ to_tsquery('simple', ?)`, filter.fts));
  }
  if (sample && !(filter.fts && filter.dialect === "sqlite")) {
    // PostgreSQL proves its partial indexes apply from the literal modulus. SQLite filters on it while
    // scanning a narrowing index, or else steps through the sample's ids instead of reading every row.
    const stride = filter.dialect === "sqlite" && (sample === 1024 || !filter.narrowed);
    parts.push(
      stride
        ? sql(
            `"id" IN (WITH RECURSIVE s(x) AS (SELECT ${sample} UNION ALL SELECT x + ${sample} FROM s WHERE x + ${sample} <= (SELECT max("id") FROM "Did")) SELECT x FROM s)`,
          )
        : sql(`"id" % ${sample} = 0`),
    );
  }
  parts.push(...filter.rows);
  return parts.length ? join(parts, " AND ") : sql("1 = 1");
}

/** WHERE clause defining the same hits with no full-text index, for reading rows in a sort index's order. */
export function walkWhere(filter: Filter): Sql {
  return filter.walkRows.length ? join(filter.walkRows, " AND ") : sql("1 = 1");
}
