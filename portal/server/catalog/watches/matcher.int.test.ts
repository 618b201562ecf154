import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/catalog/query";
import type { DatabaseConnection } from "@/server/db/client";
import { compileFilter } from "../search/compile";
import { render } from "../search/sql";
import { openTestCatalogs, type TestCatalogs } from "../search/int-test-support";
import { QUERIES } from "../search/search-queries.fixture";
import { compilePredicate, type PreparedDid, prepareDid, type SearchableDid } from "./matcher";
import { QueryIndex } from "./query-index";
import { SEARCHABLE_SELECT } from "./searchable-did";

/**
 * A watched search tests changed DIDs in JavaScript, through an index that skips queries a DID cannot
 * match; the search asks the database. All three must select the same DIDs for every query, on both
 * databases.
 */
let catalogs: TestCatalogs;
beforeAll(async () => {
  catalogs = await openTestCatalogs("watch-matcher", 4_000);
});
afterAll(async () => {
  await catalogs?.close();
});

async function idsFromSql(connection: DatabaseConnection, q: string): Promise<number[]> {
  const dialect = connection.provider === "sqlite" ? "sqlite" : "postgresql";
  const filter = compileFilter(parseQuery(q), dialect);
  const where = filter.walkRows.length ? filter.walkRows.map((c) => `(${c.text})`).join(" AND ") : "1 = 1";
  const statement = render(dialect, {
    text: `SELECT "id" FROM "Did" WHERE ${where} ORDER BY "id"`,
    params: filter.walkRows.flatMap((c) => c.params),
  });
  const rows = await connection.client.$queryRawUnsafe<{ id: number }[]>(statement.text, ...statement.params);
  return rows.map((row) => Number(row.id));
}

type Row = PreparedDid<SearchableDid & { id: number }>;
const prepared = new Map<DatabaseConnection, Row[]>();
async function rowsOf(connection: DatabaseConnection): Promise<Row[]> {
  if (!prepared.has(connection)) {
    const rows = await connection.client.did.findMany({ select: SEARCHABLE_SELECT, orderBy: { id: "asc" } });
    prepared.set(connection, rows.map(prepareDid));
  }
  return prepared.get(connection)!;
}

async function idsFromMatcher(connection: DatabaseConnection, q: string): Promise<number[]> {
  const holds = compilePredicate(parseQuery(q));
  return (await rowsOf(connection)).filter(holds).map((row) => row.did.id);
}

async function idsFromIndex(connection: DatabaseConnection, q: string): Promise<number[]> {
  const index = new QueryIndex<string>();
  for (const query of VALID) index.add(parseQuery(query), query);
  return (await rowsOf(connection)).filter((row) => index.matching(row).includes(q)).map((row) => row.did.id);
}

const VALID = QUERIES.filter((q) => {
  try {
    parseQuery(q);
    return true;
  } catch {
    return false;
  }
});

describe.each(["sqlite", "postgres"] as const)("the watch matcher agrees with the search on %s", (which) => {
  it.each(VALID)("%j", async (q) => {
    const connection = catalogs[which];
    const expected = await idsFromSql(connection, q);
    expect(await idsFromMatcher(connection, q)).toEqual(expected);
    expect(await idsFromIndex(connection, q)).toEqual(expected);
  });

  it("the query set selects something, not everything, most of the time", async () => {
    const counts = await Promise.all(VALID.map((q) => idsFromSql(catalogs[which], q).then((ids) => ids.length)));
    expect(counts.filter((n) => n > 0 && n < catalogs.rows.length).length).toBeGreaterThan(VALID.length / 2);
  });
});
