import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestCatalogs, type TestCatalogs } from "./int-test-support";
import { createCatalogSearch } from "./search";
import { sql } from "./sql";
import { SqliteReaders } from "./sqlite-readers";
import { createStatementRunner, SearchTimeoutError } from "./statements";

/**
 * The search deadline on both databases. PostgreSQL cancels the running statement itself; SQLite's
 * driver cannot be interrupted, so there the deadline keeps the next statement from starting.
 */
let catalogs: TestCatalogs;

beforeAll(async () => {
  catalogs = await openTestCatalogs("deadline", 1500);
});

afterAll(async () => {
  await catalogs?.close();
});

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => new Error("it finished"),
    (error: unknown) => error,
  );

describe("on PostgreSQL", () => {
  it("the server cancels a statement still running at the deadline, with SearchTimeoutError", async () => {
    const run = createStatementRunner(catalogs.postgres);
    // Without the timeout this sleeps 20 s and then returns a row, failing the test.
    const error = await failureOf(run(sql("SELECT pg_sleep(20)"), performance.now() + 300));
    expect(error).toBeInstanceOf(SearchTimeoutError);
    // Cancelled by the server, not refused before it started.
    expect((error as Error).cause).toBeDefined();
    expect(String((error as Error).cause)).toMatch(/statement timeout/);
  });

  it("the timeout is local to the statement's transaction: the pool's connections keep none", async () => {
    const run = createStatementRunner(catalogs.postgres);
    await run(sql("SELECT 1"), performance.now() + 60_000);
    const [row] = await run(sql("SELECT current_setting('statement_timeout') AS t"), null);
    expect(row).toEqual({ t: "0" });
  });

  it("a search past its deadline ends with SearchTimeoutError; with time left it answers as without one", async () => {
    const q = "name:*PHYS* -data18";
    await expect(
      createCatalogSearch(catalogs.postgres, { deadlineMs: 0 }).search({ q: "DAOD_PHYS", sort: "name", limit: 5 }),
    ).rejects.toBeInstanceOf(SearchTimeoutError);
    const request = { q: "scope:data18_13TeV name:*PHYS* -type:container", sort: "size" as const, limit: 7 };
    const bounded = await createCatalogSearch(catalogs.postgres, { deadlineMs: 60_000 }).search(request);
    const unbounded = await createCatalogSearch(catalogs.postgres).search(request);
    expect({ ...bounded, tookMs: 0 }).toEqual({ ...unbounded, tookMs: 0 });
    expect(bounded.items.length).toBeGreaterThan(0);
    // The query limits hold before any statement runs.
    await expect(createCatalogSearch(catalogs.postgres).search({ q, sort: "name", limit: 5 })).rejects.toMatchObject({
      name: "QuerySyntaxError",
    });
  });
});

describe("on SQLite", () => {
  it("no statement starts past the deadline, and one with time left runs", async () => {
    const run = createStatementRunner(catalogs.sqlite);
    await expect(run(sql(`SELECT count(*) AS n FROM "Did"`), performance.now() - 1)).rejects.toBeInstanceOf(
      SearchTimeoutError,
    );
    expect(await run(sql(`SELECT count(*) AS n FROM "Did"`), performance.now() + 60_000)).toEqual([
      { n: BigInt(catalogs.rows.length) },
    ]);
  });

  it("a search past its deadline ends with SearchTimeoutError", async () => {
    const search = createCatalogSearch(catalogs.sqlite, { deadlineMs: 0 });
    await expect(search.search({ q: "name:*PHYS*", sort: "newest", limit: 5 })).rejects.toBeInstanceOf(
      SearchTimeoutError,
    );
  });
});

describe("on SQLite, in the portal's reader threads", () => {
  // A statement that runs for seconds: a recursive count to 30 million.
  const slow = sql(
    `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30000000) SELECT count(*) AS n FROM c`,
  );

  it("a statement past the deadline is given up at the deadline, the event loop stays free, and the next one runs", async () => {
    const file = catalogs.sqliteUrl.replace(/^file:/, "");
    const readers = new SqliteReaders({ file, threads: 1, mmapBytes: 0, cacheKib: 2048, busyTimeoutMs: 5000 });
    try {
      const run = createStatementRunner(catalogs.sqlite, readers);
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const started = performance.now();
      const error = await failureOf(run(slow, performance.now() + 300));
      const took = performance.now() - started;
      clearInterval(ticker);
      expect(error).toBeInstanceOf(SearchTimeoutError);
      expect(took).toBeLessThan(2_000);
      // The timer went on firing while the statement ran: the event loop was never held.
      expect(ticks).toBeGreaterThan(10);
      // The one reader was replaced: the next statement runs, with the same answer Prisma gives (as a number).
      expect(await run(sql(`SELECT count(*) AS n FROM "Did"`), performance.now() + 60_000)).toEqual([
        { n: catalogs.rows.length },
      ]);
    } finally {
      await readers.close();
    }
  });
});
