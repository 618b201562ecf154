import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../../../bench/search/load-catalog";
import { syntheticCatalog } from "../../../../bench/search/synthetic-catalog";
import { type ScratchDatabase, useScratchDatabase } from "../../../../testing/scratch-database";

/** The route handler over a real (scratch) catalog: the portal's database is chosen by env at import. */
let scratch: ScratchDatabase;
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  scratch = await useScratchDatabase("search_route");
  await loadCatalog(scratch.url, syntheticCatalog(2000));
  process.env.RUCIO_INSTANCES = JSON.stringify([
    { name: "atlas", url: "http://127.0.0.1:1" },
    { name: "cms", url: "http://127.0.0.1:2" },
  ]);
  ({ GET } = await import("./route"));
});

afterAll(async () => {
  const { db } = await import("@/server/db/client");
  await db.$disconnect();
  await scratch?.drop();
});

async function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await GET(new Request(`http://portal.test/api/search?${new URLSearchParams(params)}`, { headers }));
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("etag"), body: text ? JSON.parse(text) : null };
}

/** A dataset written the way the indexer writes one: through its store, in a transaction. */
async function indexDataset(name: string, bytes: number) {
  const [{ db, databaseProvider }, { didStoreFor }, { toDidRow }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/catalog/indexer/did-store"),
    import("@/server/catalog/indexer/did-row"),
  ]);
  const row = toDidRow({ scope: "data18_13TeV", name, did_type: "DATASET", datatype: "ETAGTEST", bytes });
  await db.$transaction((tx) =>
    didStoreFor(databaseProvider).writeBatch(tx, { instance: "atlas", scope: "data18_13TeV" }, [row], new Date()),
  );
}

describe("GET /api/search", () => {
  it("answers a page with JSON numbers, totals, facets and a cursor that continues it", async () => {
    const first = await get({ q: "datatype:AOD", sort: "size", limit: "5" });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(typeof first.body.items[0].bytes).toBe("number");
    expect(first.body.items[0]).toMatchObject({ datatype: "AOD", type: expect.stringMatching(/DATASET|CONTAINER/) });
    expect(first.body.total.value).toBeGreaterThan(5);
    expect(first.body.facets.datatype.buckets[0]).toMatchObject({ value: "AOD", label: "AOD" });
    const second = await get({ q: "datatype:AOD", sort: "size", limit: "5", cursor: first.body.nextCursor });
    expect(second.status).toBe(200);
    expect(second.body.items[0].bytes).toBeLessThanOrEqual(first.body.items[4].bytes);
    expect(second.body.items.map((i: { name: string }) => i.name)).not.toContain(first.body.items[4].name);
  });

  it("defaults: relevance, 50 rows, every instance; restricts to one instance", async () => {
    const all = await get({});
    expect(all.body.items).toHaveLength(50);
    const cms = await get({ instance: "cms", limit: "200" });
    expect(cms.status).toBe(200);
    expect(cms.body.items.every((item: { instance: string }) => item.instance === "cms")).toBe(true);
  });

  it("answers 400 with the position of a syntax error", async () => {
    const { status, body } = await get({ q: 'DAOD "physics' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: { message: expect.stringMatching(/never closed/), position: 5, length: 8 } });
  });

  it.each([
    [{ sort: "oldest" }, /sort must be one of/],
    [{ limit: "0" }, /at least 1/],
    [{ limit: "201" }, /at most 200/],
    [{ limit: "ten" }, /number/],
    [{ instance: "nowhere" }, /configured Rucio instances/],
    [{ cursor: "not a cursor!" }, /malformed/],
    [{ cursor: "eyJ2IjoxfQ" }, /malformed/],
  ])("answers 400 for %j", async (params, message) => {
    const { status, body } = await get(params as Record<string, string>);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });

  it("refuses a cursor of another sort or query", async () => {
    const { body } = await get({ q: "AOD", sort: "name", limit: "2" });
    expect((await get({ q: "AOD", sort: "newest", cursor: body.nextCursor })).body.error.message).toMatch(
      /another sort/,
    );
    expect((await get({ q: "ESD", sort: "name", cursor: body.nextCursor })).body.error.message).toMatch(
      /another query/,
    );
  });

  it("answers a revalidation with 304 until the indexer changes the catalog", async () => {
    const first = await get({ q: "datatype:ETAGTEST" });
    expect(first.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.body.total.value).toBe(0);
    const again = await get({ q: "datatype:ETAGTEST" }, { "If-None-Match": `"other", ${first.etag}` });
    expect(again).toEqual({ status: 304, etag: first.etag, body: null });
    expect((await get({ q: "datatype:ETAGTEST", sort: "name" })).etag).not.toBe(first.etag);
    expect((await get({ q: "datatype:ETAGTEST" }, { "If-None-Match": '"other"' })).status).toBe(200);

    await indexDataset("data18_13TeV.etag_test.DAOD", 1);
    const added = await get({ q: "datatype:ETAGTEST" }, { "If-None-Match": first.etag! });
    expect(added.status).toBe(200);
    expect(added.body.total.value).toBe(1);
    expect(added.etag).not.toBe(first.etag);
    // The same content again writes nothing; new content in a row the catalog holds changes the ETag.
    await indexDataset("data18_13TeV.etag_test.DAOD", 1);
    expect((await get({ q: "datatype:ETAGTEST" }, { "If-None-Match": added.etag! })).status).toBe(304);
    await indexDataset("data18_13TeV.etag_test.DAOD", 2);
    const updated = await get({ q: "datatype:ETAGTEST" }, { "If-None-Match": added.etag! });
    expect(updated.status).toBe(200);
    expect(updated.body.items[0].bytes).toBe(2);
  });

  it("treats SQL and full-text syntax as text", async () => {
    for (const q of ["x' OR '1'='1", "NEAR(zz qq) AND OR NOT ^zz", "name:%'; DELETE FROM Did; --", "datatype:\\"]) {
      const { status, body } = await get({ q });
      expect(status, q).toBe(200);
      expect(body.items, q).toEqual([]);
    }
    expect((await get({ q: "-datatype:ETAGTEST" })).body.total).toEqual({ value: 2000, capped: false });
  });
});
