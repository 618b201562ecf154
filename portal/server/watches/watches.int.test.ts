import { describe, expect, it } from "vitest";
import { useStagingDatabase } from "../staging/int-test-support";
import { freshJdoeDataset, uniqueSuffix } from "../../../testing/local-rucio";

// Watched searches end to end on the server: the real indexer reads new datasets from the real local
// Rucio, the change log finds them, auto-stage makes real rules as the watch's owner.

const load = async () => ({
  ...(await import("./index")),
  ...(await import("../../../testing/recorded-sign-in")),
  ...(await import("@/server/staging")),
  indexer: await import("@/server/catalog/indexer/run-indexer"),
  dbModule: await import("@/server/db/client"),
  HttpError: (await import("@/server/http/http-error")).HttpError,
});
let modules: Awaited<ReturnType<typeof load>>;
const rulesToClean = useStagingDatabase("watches_api", async () => {
  modules = await load();
});

const SCOPE = "user.jdoe";
async function indexJdoeScope() {
  const { client, provider } = modules.dbModule.connectDatabase(process.env.DATABASE_URL!);
  try {
    await modules.indexer.runIndexer({ client, provider }, { scopes: [SCOPE] });
  } finally {
    await client.$disconnect();
  }
  await modules.afterIndexingRun({ info: () => undefined });
}

async function refusal(work: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(modules.HttpError);
  return error as { status: number; message: string };
}

const secretOf = (feedUrl: string) => feedUrl.split("/").at(-1)!;

/** A watch of jdoe's datasets named after `label`, auto-staging up to `limitPerRun` of them per run. */
const watchLabel = (userId: string, name: string, label: string, limitPerRun: number) =>
  modules.createWatch(userId, {
    name,
    query: `name:user.jdoe.${label}*`,
    sort: "newest",
    autoStage: { mode: "RULE", limitPerRun },
  });

describe("watched searches", () => {
  it("belong to their owner alone: another user's calls answer 404 and change nothing", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const alice = await modules.signInAs("alice");
    const watch = await modules.createWatch(jdoe.userId, { name: "jdoe's", query: "datatype:AOD", sort: "newest" });
    expect(await modules.listWatches(alice.userId)).toEqual([]);
    for (const attempt of [
      () => modules.getWatch(alice.userId, watch.id),
      () => modules.updateWatch(alice.userId, watch.id, { name: "mine now" }),
      () => modules.deleteWatch(alice.userId, watch.id),
      () => modules.renewFeed(alice.userId, watch.id, "http://portal"),
      () => modules.revokeFeed(alice.userId, watch.id),
    ])
      expect((await refusal(attempt())).status).toBe(404);
    expect((await modules.getWatch(jdoe.userId, watch.id)).watch.name).toBe("jdoe's");
    await modules.deleteWatch(jdoe.userId, watch.id);
  });

  it("refuse a query with a syntax error", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const error = await modules
      .createWatch(jdoe.userId, { name: "broken", query: 'DAOD "unclosed', sort: "newest" })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "QuerySyntaxError" });
  });

  it("report datasets created after them, feed them, and auto-stage within the watch's limit", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const label = `watched${uniqueSuffix()}`;
    const watch = await watchLabel(jdoe.userId, "my new datasets", label, 1);
    const first = await freshJdoeDataset(label, 1);
    const second = await freshJdoeDataset(label, 1);
    await indexJdoeScope();

    const details = await modules.getWatch(jdoe.userId, watch.id);
    expect(details.watch).toMatchObject({ newCount: 2, totalCount: 2 });
    expect(details.matches.map((match) => match.name).sort()).toEqual([first.name, second.name].sort());
    const staged = details.matches.filter((match) => match.stagingId);
    const skipped = details.matches.filter((match) => !match.stagingId);
    expect(staged).toHaveLength(1);
    expect(skipped[0]!.autoStageNote).toMatch(/more than 1 new match/);
    const request = await modules.getStagingRequest(jdoe, staged[0]!.stagingId!);
    if (request.staging.ruleId) rulesToClean.push(request.staging.ruleId);
    expect(request.staging.ruleId).toBeTruthy();
    expect(request.events.map((event) => event.message)).toContain(
      'Auto-staged: a new match of your watched search "my new datasets"',
    );
    expect((await modules.watchSummary(jdoe.userId)).newCount).toBeGreaterThanOrEqual(2);

    const feedUrl = await modules.renewFeed(jdoe.userId, watch.id, "http://portal.example");
    const atom = await modules.feedDocument(secretOf(feedUrl), "http://portal.example");
    expect(atom).toContain(`<title>${SCOPE}:${first.name}</title>`);
    expect(atom).toContain(`<title>${SCOPE}:${second.name}</title>`);
    const renewed = await modules.renewFeed(jdoe.userId, watch.id, "http://portal.example");
    expect((await refusal(modules.feedDocument(secretOf(feedUrl), "http://portal.example"))).status).toBe(404);
    await modules.revokeFeed(jdoe.userId, watch.id);
    expect((await refusal(modules.feedDocument(secretOf(renewed), "http://portal.example"))).status).toBe(404);

    await modules.updateWatch(jdoe.userId, watch.id, { viewed: true });
    expect((await modules.getWatch(jdoe.userId, watch.id)).watch.newCount).toBe(0);
    await indexJdoeScope();
    expect((await modules.getWatch(jdoe.userId, watch.id)).watch.totalCount).toBe(2);
  });

  it("auto-stage refuses what would exceed the owner's quota, and says so on the match", async () => {
    const alice = await modules.signInAs("alice");
    const label = `quota${uniqueSuffix()}`;
    const watch = await watchLabel(alice.userId, "over quota", label, 5);
    await freshJdoeDataset(label, 1);
    await indexJdoeScope();
    const [match] = (await modules.getWatch(alice.userId, watch.id)).matches;
    expect(match?.stagingId).toBeNull();
    expect(match?.autoStageNote).toMatch(/quota/i);
  });
});
