import { beforeAll, describe, expect, it } from "vitest";
import { loadStagingModules, useStagingDatabase } from "./int-test-support";
import { freshJdoeDataset, type UploadedFile } from "../../../testing/local-rucio";

// Rule mode against the real local Rucio and its conveyor daemons, on a fresh SQLite catalog database.
// The mock transfer tool moves no bytes: "OK" here means Rucio's locks are OK.

let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ ...(await loadStagingModules()), ...(await import("./local-paths")) });

const DESTINATION = "SWAN-MOUNT";
let dataset: { scope: string; name: string };
let files: UploadedFile[];
const createdRules = useStagingDatabase("staging", async () => {
  modules = await load();
});
beforeAll(async () => {
  ({ files, ...dataset } = await freshJdoeDataset("staging-int", 3));
});

const config = () => ({
  ...modules.stagingConfig(),
  rseExpression: DESTINATION,
  ruleLifetimeSeconds: 86_400,
  mounts: [{ rse: DESTINATION, path: "/eos/swan-mount" }],
});

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(modules.StagingError);
  return error as InstanceType<typeof modules.StagingError> & { staging: { state: string; error: string } };
}

/** Ticks a tracker in this process until the request is OK or 180 s have passed; returns the request as it is then. */
async function trackUntilOk(signIn: Parameters<typeof modules.getStagingRequest>[0], requestId: string) {
  const tracker = new modules.StagingTracker({
    intervalMs: 500,
    maxIntervalMs: 2_000,
    leaseMs: 10_000,
    log: () => undefined,
  });
  const deadline = Date.now() + 180_000;
  let view = (await modules.getStagingRequest(signIn, requestId)).staging;
  while (view.state !== "OK" && Date.now() < deadline) {
    await tracker.tick();
    view = (await modules.getStagingRequest(signIn, requestId)).staging;
    if (view.state !== "OK") await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return view;
}

describe("rule mode", () => {
  let requestId: string;

  it("creates jdoe's rule, and the tracker follows it to OK with 100 % files and bytes", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const { staging } = await modules.createStagingRequest(jdoe, dataset, config());
    requestId = staging.id;
    createdRules.push(staging.ruleId!);
    expect(staging).toMatchObject({
      state: "REPLICATING",
      account: "jdoe",
      destination: DESTINATION,
      filesTotal: 3,
      filesDone: 0,
    });
    expect(staging.bytesTotal).toBe(files.reduce((sum, file) => sum + file.bytes, 0));
    const rule = await modules.rucio.getRule(modules.rucio.serviceCaller(), staging.ruleId!);
    expect(rule).toMatchObject({ account: "jdoe", rse_expression: DESTINATION, grouping: "DATASET" });

    const view = await trackUntilOk(jdoe, requestId);
    expect(view).toMatchObject({
      state: "OK",
      filesDone: 3,
      filesTotal: 3,
      filesPercent: 100,
      bytesPercent: 100,
      unfinished: false,
      error: null,
    });
    expect(view.bytesDone).toBe(view.bytesTotal);
    expect(view.finishedAt).not.toBeNull();
    const { events } = await modules.getStagingRequest(jdoe, requestId);
    expect(events.map((event) => event.message)).toContainEqual(expect.stringMatching(/REPLICATING → OK/));
    expect((await modules.rucio.getRule(modules.rucio.serviceCaller(), view.ruleId!)).state).toBe("OK");
  }, 240_000);

  it("maps the files Rucio lists on the destination to local paths by the mount mapping", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const staged = await modules.listStagedFiles(jdoe, requestId, config());
    expect(staged.truncated).toBe(false);
    expect(staged.files.map((file) => file.name).sort()).toEqual(files.map((file) => file.name).sort());
    for (const file of staged.files) {
      expect(file.rse).toBe(DESTINATION);
      expect(file.pfn).toContain("/.local/rucio/rses/swan/");
      expect(file.localPath).toBe(`/eos/swan-mount/${file.pfn.split("/.local/rucio/rses/swan/")[1]}`);
    }
  });

  it("reuses jdoe's existing rule for the same dataset instead of creating a duplicate", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const first = await modules.getStagingRequest(jdoe, requestId);
    const { staging } = await modules.createStagingRequest(jdoe, dataset, config());
    expect(staging.ruleId).toBe(first.staging.ruleId);
    const { events } = await modules.getStagingRequest(jdoe, staging.id);
    expect(events.map((event) => event.message)).toContainEqual(`Reusing your existing rule ${staging.ruleId}`);
  });

  it("another user gets 404 for jdoe's request and cannot cancel it; jdoe can, the rule going with the last request using it", async () => {
    const alice = await modules.signInAs("alice");
    const jdoe = await modules.signInAs("jdoe");
    expect((await refusal(modules.getStagingRequest(alice, requestId))).status).toBe(404);
    expect((await refusal(modules.cancelStagingRequest(alice, requestId))).status).toBe(404);
    expect(
      (await modules.listStagingRequests(alice, { limit: 50 })).stagings.map((staging) => staging.id),
    ).not.toContain(requestId);
    const ruleId = (await modules.getStagingRequest(jdoe, requestId)).staging.ruleId!;
    expect((await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId)).expires_at!.getTime()).toBeGreaterThan(
      Date.now() + 20 * 3600_000,
    );

    const end = (await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId)).expires_at!.getTime();
    // jdoe's second request still uses the rule: cancelling the first leaves it in Rucio.
    expect((await modules.cancelStagingRequest(jdoe, requestId)).state).toBe("CANCELLED");
    expect((await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId)).expires_at!.getTime()).toBe(end);
    const mine = () =>
      modules
        .listStagingRequests(jdoe, { limit: 50 })
        .then((page) => page.stagings.filter((staging) => staging.ruleId === ruleId));
    const [second] = (await mine()).filter((staging) => staging.id !== requestId);
    expect(second!.state).not.toBe("CANCELLED");

    // The last request using the rule the portal made for jdoe: cancelling it deletes the rule.
    expect((await modules.cancelStagingRequest(jdoe, second!.id)).state).toBe("CANCELLED");
    // Rucio deletes softly: the rule now ends within the hour.
    const rule = await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId);
    expect(rule.expires_at!.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000 + 60_000);
    const { events } = await modules.getStagingRequest(jdoe, second!.id);
    expect(events.at(-1)!.message).toBe(
      `Cancelled: the portal deleted rule ${ruleId}, which it had created for you (Rucio removes it within the hour)`,
    );
    expect((await mine()).map((staging) => staging.state)).toEqual(["CANCELLED", "CANCELLED"]);
    expect((await refusal(modules.cancelStagingRequest(jdoe, requestId))).status).toBe(409);
  });
});

describe("staging again a dataset whose rule was just cancelled", () => {
  it("brings jdoe's ending rule back with the configured lifetime and tracks it; the cancelled request stays cancelled", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const {
      files: [file],
      ...fresh
    } = await freshJdoeDataset("staging-again", 1);
    const first = (await modules.createStagingRequest(jdoe, fresh, config())).staging;
    const ruleId = first.ruleId!;
    createdRules.push(ruleId);
    await modules.cancelStagingRequest(jdoe, first.id);
    const cancelledRule = await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId);
    expect(cancelledRule.expires_at!.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000 + 60_000);

    const { staging } = await modules.createStagingRequest(jdoe, fresh, config());
    expect(staging).toMatchObject({ state: "REPLICATING", ruleId, error: null });
    const expectedEnd = Date.now() + config().ruleLifetimeSeconds * 1000;
    const rule = await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId);
    expect(Math.abs(rule.expires_at!.getTime() - expectedEnd)).toBeLessThan(5 * 60_000);
    const { events } = await modules.getStagingRequest(jdoe, staging.id);
    expect(events.map((event) => event.message)).toContainEqual(
      `Brought back your rule ${ruleId}, which was to end at ${cancelledRule.expires_at!.toISOString()} ` +
        "(cancelled, or its lifetime running out): it lasts 24 h 00 min again",
    );
    expect((await modules.getStagingRequest(jdoe, first.id)).staging.state).toBe("CANCELLED");

    const view = await trackUntilOk(jdoe, staging.id);
    expect(view).toMatchObject({ state: "OK", ruleId, filesDone: 1, bytesDone: file!.bytes });
    expect((await modules.getStagingRequest(jdoe, first.id)).staging.state).toBe("CANCELLED");
  }, 240_000);
});

describe("Rucio's refusals reach the user as Rucio worded them", () => {
  it("alice's quota on SWAN-MOUNT", async () => {
    const alice = await modules.signInAs("alice");
    const error = await refusal(modules.createStagingRequest(alice, dataset, config()));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^Over your Rucio quota: .* limit of 1,024 bytes.*No rule was made/);
    expect(error.staging).toMatchObject({ state: "FAILED", error: error.message });
    const [recorded] = (await modules.listStagingRequests(alice, { limit: 1 })).stagings;
    expect(recorded).toMatchObject({ state: "FAILED", error: error.message, ruleId: null });
  });

  it("an RSE expression that matches nothing", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const error = await refusal(
      modules.createStagingRequest(jdoe, dataset, { ...config(), rseExpression: "NO-SUCH-RSE" }),
    );
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^Rucio refused the rule: .*RSE/);
    expect(error.staging).toMatchObject({ state: "FAILED", destination: "NO-SUCH-RSE" });
  });

  it("a DID Rucio does not have", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const error = await refusal(
      modules.createStagingRequest(jdoe, { scope: "user.jdoe", name: "user.jdoe.no-such-dataset" }, config()),
    );
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/user\.jdoe:user\.jdoe\.no-such-dataset.*not found|no-such-dataset/i);
  });
});
