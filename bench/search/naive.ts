import type { DatabaseConnection } from "../../portal/server/db/client";
import { parseQuery } from "../../portal/lib/catalog/query";
import { compileFilter, namePrefixCondition } from "../../portal/server/catalog/search/compile";
import { hitsWhere } from "../../portal/server/catalog/search/hits";
import { binaryColumn, render, type Sql } from "../../portal/server/catalog/search/sql";
import { FACETS, type SearchSort } from "../../portal/lib/catalog/types";

/**
 * The straightforward way to answer the same request, as the baseline: the hits through the full-text
 * index, ORDER BY … LIMIT for the page (OFFSET for later pages), then a COUNT(*) and one GROUP BY per
 * facet over all the hits. Same WHERE clause as the search module, so the same rows.
 */
const FACET_COLUMNS: Record<(typeof FACETS)[number], string> = {
  instance: `"instance"`,
  scope: `"scope"`,
  type: `"didType"`,
  project: `"project"`,
  datatype: `"datatype"`,
  stream: `"streamName"`,
  prodStep: `"prodStep"`,
  campaign: `"campaign"`,
  run: `"runNumber" / 1000`,
};

function orderFor(sort: SearchSort, dialect: "sqlite" | "postgresql", prefix: Sql | null): Sql {
  const nullsLast = dialect === "postgresql" ? " NULLS LAST" : "";
  if (sort === "size") return { text: `"bytes" DESC${nullsLast}, "id" DESC`, params: [] };
  if (sort === "name") return { text: `${binaryColumn(dialect, "name")}, "id"`, params: [] };
  const newest = `"rucioCreatedAt" DESC${nullsLast}, "id" DESC`;
  if (sort === "newest" || !prefix) return { text: newest, params: [] };
  return { text: `CASE WHEN ${prefix.text} THEN 0 ELSE 1 END, ${newest}`, params: prefix.params };
}

export async function naiveSearch(
  connection: DatabaseConnection,
  q: string,
  sort: SearchSort,
  page: number,
  limit: number,
): Promise<number> {
  const dialect = connection.provider;
  const filter = compileFilter(parseQuery(q), dialect);
  const where = hitsWhere(filter);
  const run = (query: Sql) => runSql(connection, query);
  const order = orderFor(
    sort,
    dialect,
    filter.ranked && filter.namePrefix ? namePrefixCondition(dialect, filter.namePrefix) : null,
  );
  await run({
    text: `SELECT * FROM "Did" WHERE ${where.text} ORDER BY ${order.text} LIMIT ${limit} OFFSET ${page * limit}`,
    params: [...where.params, ...order.params],
  });
  const [count] = await run({ text: `SELECT count(*) AS n FROM "Did" WHERE ${where.text}`, params: where.params });
  for (const facet of FACETS) {
    const column = FACET_COLUMNS[facet];
    await run({
      text: `SELECT ${column} AS v, count(*) AS n FROM "Did" WHERE ${where.text} AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC LIMIT 20`,
      params: where.params,
    });
  }
  return Number(count?.n ?? 0);
}

/**
 * The full-text engine's own ranked top page for the search's positive free text alone (FTS5's bm25
 * `rank`, PostgreSQL's ts_rank), rows included: the floor a text search can hardly beat. Null for a
 * search without free text.
 */
export function rawFullTextTop(dialect: "sqlite" | "postgresql", q: string, limit: number): Sql | null {
  const terms = parseQuery(q).terms.filter((term) => term.kind === "text" && !term.negated);
  const fts = compileFilter({ terms }, dialect).fts;
  if (!fts) return null;
  if (dialect === "sqlite")
    return {
      text: `SELECT d.* FROM (SELECT rowid AS hit FROM "DidSearch" WHERE "DidSearch" MATCH ? ORDER BY rank LIMIT ${limit}) AS r JOIN "Did" d ON d."id" = r.hit`,
      params: [fts],
    };
  const vector = `to_tsvector('simple', "searchText")`;
  return {
    text: `SELECT * FROM "Did" WHERE ${vector} @@ to_tsquery('simple', ?) ORDER BY ts_rank(${vector}, to_tsquery('simple', ?)) DESC LIMIT ${limit}`,
    params: [fts, fts],
  };
}

/** One statement of the search module's SQL shape, rendered for the connection's database. */
export function runSql(connection: DatabaseConnection, query: Sql): Promise<Record<string, unknown>[]> {
  const { text, params } = render(connection.provider, query);
  return connection.client.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
}
