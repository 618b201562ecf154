import { beforeAll, describe, expect, it } from "vitest";
import { localDataOf, localDataSentence, stageLabel } from "@/lib/staging/local-data";
import { loadStagingModules, useStagingDatabase } from "../staging/int-test-support";
import { freshJdoeDataset } from "../../../testing/local-rucio";

// What the panel says a session has of a dataset, from the real local Rucio's replicas on the RSE
// the session mounts: a dataset replicated there whole, one with one file there, one with none.

const DESTINATION = "SWAN-MOUNT";
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ ...(await loadStagingModules()), ...(await import("./index")) });
const createdRules = useStagingDatabase("local-data", async () => {
  modules = await load();
});
type Uploaded = Awaited<ReturnType<typeof freshJdoeDataset>>;
let whole: Uploaded, partly: Uploaded, none: Uploaded;
const bytesOf = (files: { bytes: number }[]) => files.reduce((sum, file) => sum + file.bytes, 0);

/** A rule of the portal's service identity to SWAN-MOUNT, waited for until Rucio says OK. */
async function replicateToMount(dids: { scope: string; name: string }[]) {
  const service = modules.rucio.serviceCaller();
  const [ruleId] = await modules.rucio.addRule(service, {
    dids,
    rseExpression: DESTINATION,
    comment: "local-data test",
  });
  createdRules.push(ruleId!);
  const deadline = Date.now() + 180_000;
  while ((await modules.rucio.getRule(service, ruleId!)).state !== "OK") {
    if (Date.now() > deadline) throw new Error(`rule ${ruleId} to ${DESTINATION} did not reach OK`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

beforeAll(async () => {
  [whole, partly, none] = [
    await freshJdoeDataset("local-whole", 2),
    await freshJdoeDataset("local-partly", 3),
    await freshJdoeDataset("local-none", 2),
  ];
  await replicateToMount([
    { scope: whole.scope, name: whole.name },
    { scope: partly.scope, name: partly.files[0]!.name },
  ]);
}, 300_000);

const config = () => ({ ...modules.stagingConfig(), rseExpression: DESTINATION, ruleLifetimeSeconds: 86_400 });
async function localData(dataset: Uploaded) {
  const plan = await modules.planStagingFor(
    { db: modules.db },
    await modules.signInAs("jdoe"),
    { instance: "default", scope: dataset.scope, name: dataset.name, mode: "RULE" },
    undefined,
    config(),
  );
  return localDataOf(plan, null);
}

describe("what the session has, from Rucio's replicas on the mounted RSE", () => {
  it("every file on SWAN-MOUNT: already there, insert now, no Stage", async () => {
    const data = await localData(whole);
    expect(data).toEqual({
      kind: "complete",
      how: "replica",
      where: DESTINATION,
      there: { files: 2, bytes: bytesOf(whole.files) },
    });
    expect(stageLabel(data)).toBeNull();
    expect(localDataSentence(data, String, (b) => `${b} B`)).toBe(
      `Already on SWAN-MOUNT: 2 files, ${bytesOf(whole.files)} B. Insert into notebook gives their local paths now; no staging needed.`,
    );
  });

  it("one file of three there: says so, and Stage is for the two missing", async () => {
    const data = await localData(partly);
    expect(data).toMatchObject({
      kind: "partial",
      where: DESTINATION,
      there: { files: 1, bytes: partly.files[0]!.bytes },
      missing: { files: 2, bytes: bytesOf(partly.files.slice(1)) },
    });
    expect(stageLabel(data)).toBe("Stage the missing 2 files");
  });

  it("a rule on the partly-there dataset locks the file already there at once and transfers the rest", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const { staging } = await modules.createStagingRequest(jdoe, { scope: partly.scope, name: partly.name }, config());
    createdRules.push(staging.ruleId!);
    const rule = await modules.rucio.getRule(modules.rucio.serviceCaller(), staging.ruleId!);
    expect(rule.locks_ok_cnt).toBeGreaterThanOrEqual(1);
    expect(rule.locks_ok_cnt + rule.locks_replicating_cnt + rule.locks_stuck_cnt).toBe(3);
  });

  it("nothing there: no claim, plain Stage", async () => {
    const data = await localData(none);
    expect(data).toMatchObject({ kind: "missing", missing: { files: 2, bytes: bytesOf(none.files) } });
    expect(stageLabel(data)).toBe("Stage");
  });
});
