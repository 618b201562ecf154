import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/catalog/query";
import type { DatabaseConnection } from "@/server/db/client";
import { compileFilter } from "../search/compile";
import { render } from "../search/sql";
import { openTestCatalogs, type TestCatalogs } from "../search/int-test-support";
import { QUERIES } from "../search/search-queries.fixture";
import { compilePredicate } from "./matcher";
import { SEARCHABLE_SELECT } from "./searchable-did";

/**
 * A watched search tests changed DIDs in JavaScript; the search asks the database. Both must select the
 * same DIDs for every query, on both databases.
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

async function idsFromMatcher(connection: DatabaseConnection, q: string): Promise<number[]> {
  const holds = compilePredicate(parseQuery(q));
  const rows = await connection.client.did.findMany({ select: SEARCHABLE_SELECT, orderBy: { id: "asc" } });
  return rows.filter(holds).map((row) => row.id);
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
    const [expected, actual] = await Promise.all([idsFromSql(connection, q), idsFromMatcher(connection, q)]);
    expect(actual).toEqual(expected);
  });

  it("the query set selects something, not everything, most of the time", async () => {
    const counts = await Promise.all(VALID.map((q) => idsFromSql(catalogs[which], q).then((ids) => ids.length)));
    expect(counts.filter((n) => n > 0 && n < catalogs.rows.length).length).toBeGreaterThan(VALID.length / 2);
  });
});
