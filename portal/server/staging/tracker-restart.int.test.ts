import { afterAll, expect, it } from "vitest";
import { loadStagingModules, useStagingDatabase } from "./int-test-support";
import { startTrackerProcess, type TrackerProcess } from "./testing/tracker-process";
import { freshJdoeDataset } from "../../../testing/local-rucio";
import { until } from "../../../testing/until";

// The tracker is killed (SIGKILL) while a request is REPLICATING; a new tracker process resumes it
// from the database, once the dead one's lease has lapsed, and takes it to OK.

let modules: Awaited<ReturnType<typeof loadStagingModules>>;
const ruleIds = useStagingDatabase("tracker_restart", async () => {
  modules = await loadStagingModules();
});
const trackers: TrackerProcess[] = [];
const LEASE_MS = 4_000;

// Registered after the database's hooks, so it runs before their cleanup: no tracker outlives the database.
afterAll(async () => {
  for (const tracker of trackers) await tracker.kill();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const trackerEnv = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  STAGING_TRACKER_INTERVAL_MS: "200",
  STAGING_TRACKER_MAX_INTERVAL_MS: "1000",
  STAGING_TRACKER_LEASE_MS: String(LEASE_MS),
});

it("a request whose tracker was killed during REPLICATING still reaches OK after a restart", async () => {
  const uploaded = await freshJdoeDataset("tracker-restart", 2);
  const dataset = { scope: uploaded.scope, name: uploaded.name };
  const first = startTrackerProcess(trackerEnv());
  trackers.push(first);
  await until(
    "the first tracker to start",
    async () => first.output(),
    (output) => output.includes("started"),
    60_000,
    200,
  );

  const jdoe = await modules.signInAs("jdoe");
  const config = { ...modules.stagingConfig(), rseExpression: "SWAN-MOUNT", ruleLifetimeSeconds: 86_400 };
  const { staging } = await modules.createStagingRequest(jdoe, dataset, config);
  ruleIds.push(staging.ruleId!);
  expect(staging.state).toBe("REPLICATING");
  const replicatingSince = new Date(staging.updatedAt).getTime();

  // Kill it as soon as it has recorded a poll (lease taken, next check scheduled) while still REPLICATING.
  const polled = await until(
    "the first tracker's poll",
    () => modules.db.stagingRequest.findUniqueOrThrow({ where: { id: staging.id } }),
    (row) => row.trackerLeaseOwner !== null && (row.nextCheckAt?.getTime() ?? 0) > replicatingSince,
    30_000,
    20,
  );
  await first.kill();
  const afterKill = await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: staging.id } });
  expect(polled.state).toBe("REPLICATING");
  expect(afterKill.state).toBe("REPLICATING");
  expect(afterKill.trackerLeaseOwner).toBe(polled.trackerLeaseOwner);

  // Nobody tracks now: Rucio finishes the rule on its own, the database still says REPLICATING.
  await until(
    "Rucio to finish the rule",
    () => modules.rucio.getRule(modules.rucio.serviceCaller(), staging.ruleId!),
    (rule) => rule.state === "OK",
    180_000,
    500,
  );
  await sleep(1_000);
  expect((await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: staging.id } })).state).toBe("REPLICATING");

  const restarted = startTrackerProcess(trackerEnv());
  trackers.push(restarted);
  const done = await until(
    "the restarted tracker to record OK",
    () => modules.getStagingRequest(jdoe, staging.id),
    ({ staging: view }) => view.state === "OK",
    120_000,
    200,
  );
  expect(done.staging).toMatchObject({
    state: "OK",
    filesDone: 2,
    filesTotal: 2,
    filesPercent: 100,
    bytesPercent: 100,
  });
  expect(done.staging.bytesDone).toBe(done.staging.bytesTotal);
  // The new process waited for the dead one's lease instead of polling beside it.
  expect(new Date(done.staging.finishedAt!).getTime()).toBeGreaterThanOrEqual(afterKill.trackerLeaseUntil!.getTime());
  const transition = `${staging.id} (${dataset.scope}:${dataset.name}) REPLICATING -> OK`;
  await until(
    "the restarted tracker's log line",
    async () => restarted.output(),
    (output) => output.includes(transition),
    10_000,
    50,
  );
  expect(first.output()).not.toContain("-> OK");
  await restarted.stop();
}, 400_000);

it("two trackers never poll the same request at once: the lease decides", async () => {
  const jdoe = await modules.signInAs("jdoe");
  const user = await modules.db.user.findUniqueOrThrow({ where: { id: jdoe.userId } });
  await modules.db.rucioInstance.upsert({
    where: { name: jdoe.instance },
    create: { name: jdoe.instance, url: "http://127.0.0.1:8080" },
    update: {},
  });
  const request = await modules.db.stagingRequest.create({
    data: {
      userId: user.id,
      instance: jdoe.instance,
      account: "jdoe",
      scope: "user.jdoe",
      name: "user.jdoe.lease-test",
      mode: "RULE",
      destination: "SWAN-MOUNT",
      state: "REPLICATING",
      ruleId: "00000000000000000000000000000000",
      nextCheckAt: new Date(),
    },
  });
  const options = { intervalMs: 60_000, maxIntervalMs: 60_000, leaseMs: 60_000, log: () => undefined };
  const a = new modules.StagingTracker({ ...options, owner: "tracker-a" });
  const b = new modules.StagingTracker({ ...options, owner: "tracker-b" });
  await Promise.all([a.tick(), b.tick()]);
  const afterBoth = await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: request.id } });
  // Exactly one of them claimed it; the unknown rule id failed the request once.
  expect(["tracker-a", "tracker-b", null]).toContain(afterBoth.trackerLeaseOwner);
  const events = await modules.db.stagingEvent.findMany({ where: { requestId: request.id } });
  expect(events).toHaveLength(1);
  expect(afterBoth.state).toBe("FAILED");
  expect(afterBoth.error).toMatch(/no longer has rule 0{32}/);
});
