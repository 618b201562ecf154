import { beforeAll, describe, expect, it } from "vitest";
import { loadStagingModules, useStagingDatabase } from "../staging/int-test-support";
import { freshJdoeDataset, UPLOAD_RSE } from "../../../testing/local-rucio";

// The planner against the real local Rucio (its daemons take rules to OK) on a fresh SQLite database:
// quotas as Rucio counts them, a refusal over alice's 1 KiB before any rule, and estimates from history.

let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({
  ...(await loadStagingModules()),
  ...(await import("./index")),
  ...(await import("../staging/download-progress")),
});
const DESTINATION = "SWAN-MOUNT";
let dataset: { scope: string; name: string };
let datasetBytes: number;
const createdRules = useStagingDatabase("planner", async () => {
  modules = await load();
});
beforeAll(async () => {
  const { files, ...did } = await freshJdoeDataset("planner-int", 3);
  dataset = did;
  datasetBytes = files.reduce((sum, file) => sum + file.bytes, 0);
});

const config = () => ({ ...modules.stagingConfig(), rseExpression: DESTINATION, ruleLifetimeSeconds: 86_400 });
const plan = async (who: "jdoe" | "alice", mode: "RULE" | "DOWNLOAD" = "RULE", destination?: string) =>
  modules.planStagingFor(
    { db: modules.db },
    await modules.signInAs(who),
    { instance: "default", ...dataset, mode, destination },
    undefined,
    config(),
  );

async function untilOk(signIn: Awaited<ReturnType<typeof modules.signInAs>>, id: string) {
  const tracker = new modules.StagingTracker({ intervalMs: 500, maxIntervalMs: 2_000, leaseMs: 10_000, log: () => {} });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { staging } = await modules.getStagingRequest(signIn, id);
    if (staging.state === "OK" || Date.now() > deadline) return staging;
    await tracker.tick();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("quota from Rucio", () => {
  it("reads alice's 1 KiB limit on SWAN-MOUNT, root's unlimited one, and refuses an unknown RSE", async () => {
    const alice = modules.rucio.userpassCaller("default", { username: "alice", password: "alice-secret" });
    const quota = await modules.rucio.getRseQuota(alice, "alice", DESTINATION);
    expect(quota).toMatchObject({ account: "alice", rse: DESTINATION, limitBytes: 1024 });
    expect(quota.remainingBytes).toBe(1024 - quota.usedBytes);
    const root = await modules.rucio.getRseQuota(modules.rucio.serviceCaller(), "root", DESTINATION);
    expect(root).toMatchObject({ limitBytes: Infinity, remainingBytes: Infinity });
    await expect(modules.rucio.getRseQuota(alice, "alice", "NO-SUCH-RSE")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("planning a rule", () => {
  it("a fresh dataset: complete on the upload RSE only, all of it missing, jdoe's quota enough, no history", async () => {
    const planned = await plan("jdoe");
    expect(planned.replicas).toEqual([
      { rse: UPLOAD_RSE, availableFiles: 3, availableBytes: datasetBytes, complete: true },
    ]);
    expect(planned).toMatchObject({ available: null, bytesMissing: datasetBytes, refusal: null, estimate: null });
    expect(planned.quotas).toMatchObject([
      { rse: DESTINATION, account: "jdoe", neededBytes: datasetBytes, enough: true },
    ]);
    expect(planned.estimateNote).toMatch(/^No history yet/);
  });

  it("refuses alice over her quota with Rucio's numbers, before any rule exists, and keeps the refusal in her history", async () => {
    expect((await plan("alice")).refusal).toMatch(/limit of 1,024 bytes/);
    const alice = await modules.signInAs("alice");
    const refused = await modules.createStagingRequest(alice, dataset, config()).then(
      () => undefined,
      (error: unknown) => error as InstanceType<typeof modules.StagingError>,
    );
    expect(refused).toBeInstanceOf(modules.StagingError);
    expect(refused!.status).toBe(409);
    expect(refused!.message).toContain(`needs ${datasetBytes.toLocaleString("en-US")} bytes`);
    expect(refused!.message).toMatch(/limit of 1,024 bytes, uses \d[\d,]* bytes and has -?[\d,]+ bytes left/);
    const rules = [];
    for await (const rule of modules.rucio.listDidRules(modules.rucio.serviceCaller(), dataset.scope, dataset.name))
      rules.push(rule);
    expect(rules.filter((rule) => rule.account === "alice")).toEqual([]);
    const [recorded] = (await modules.listStagingRequests(alice, { limit: 1 })).stagings;
    expect(recorded).toMatchObject({ state: "FAILED", ruleId: null, error: refused!.message });
    const { events } = await modules.getStagingRequest(alice, recorded!.id);
    expect(events.map((event) => event.kind)).toEqual(["CREATED", "PLANNED", "ERROR"]);
  });

  it("jdoe's rule goes to OK: no estimate then (no history), the actual time after", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const { staging } = await modules.createStagingRequest(jdoe, dataset, config());
    createdRules.push(staging.ruleId!);
    expect(staging).toMatchObject({ estimatedSeconds: null, estimateConfidence: null, actualSeconds: null });
    const done = await untilOk(jdoe, staging.id);
    expect(done.state).toBe("OK");
    expect(done.actualSeconds).toBeGreaterThanOrEqual(0);
    const { events } = await modules.getStagingRequest(jdoe, staging.id);
    expect(events.find((event) => event.kind === "PLANNED")?.message).toBe(
      "No estimate: no finished staging on this route yet",
    );
  }, 240_000);

  it("then the data is already available on SWAN-MOUNT, and the next plan estimates from that staging", async () => {
    const planned = await plan("jdoe");
    expect(planned.available).toEqual({ how: "replica", where: DESTINATION, since: null });
    expect(planned.bytesMissing).toBe(0);
    expect(planned.quotaNote).toMatch(/^Your rule \w+ already holds this data/);
    expect(planned.estimate).toMatchObject({ samples: 1, source: UPLOAD_RSE, confidence: "LOW" });
    const [finished] = (await modules.listStagingRequests(await modules.signInAs("jdoe"), { limit: 1 })).stagings;
    expect(planned.estimate!.seconds).toBe(Math.max(1, finished!.actualSeconds!));
  });
});

describe("planning a download", () => {
  it("no Rucio quota applies; once a download into the folder finished, the data is already there", async () => {
    const before = await plan("jdoe", "DOWNLOAD", "planner-int");
    expect(before).toMatchObject({ available: null, quotas: [], refusal: null, bytesMissing: datasetBytes });
    const jdoe = await modules.signInAs("jdoe");
    const created = await modules.createStagingRequest(jdoe, {
      ...dataset,
      mode: "DOWNLOAD",
      destination: "planner-int",
    });
    const holder = await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: created.staging.id } });
    await modules.applyProgressReport(holder, { state: "OK", filesDone: 3, bytesDone: BigInt(datasetBytes) });
    const after = await plan("jdoe", "DOWNLOAD", "planner-int");
    expect(after.available).toMatchObject({ how: "download", where: "planner-int" });
    expect(after.estimate).toMatchObject({ samples: 1, confidence: "LOW" });
    expect((await plan("jdoe", "DOWNLOAD", "elsewhere")).available).toBeNull();
  });
});
