import { describe, expect, it } from "vitest";
import { assemblePlan, type PlanAnswers, type PlanRequest } from "./assemble-plan";
import type { FinishedStaging } from "./estimate";
import {
  ALICE_ON_SWAN_MOUNT,
  COMPLETE_ON_SESSION_RSE,
  JDOE_ON_SWAN_MOUNT,
  ON_SOURCE_ONLY,
  PARTLY_ON_SESSION_RSE,
  RECORDED_DID,
  ROOT_ON_SWAN_MOUNT,
} from "./plan.fixture";

const ruleRequest: PlanRequest = {
  instance: "default",
  scope: RECORDED_DID.scope,
  name: RECORDED_DID.name,
  mode: "RULE",
  destination: "SWAN-MOUNT",
};
const downloadRequest: PlanRequest = { ...ruleRequest, mode: "DOWNLOAD", destination: "rucio-data" };

const answers = (overrides: Partial<PlanAnswers> = {}): PlanAnswers => ({
  did: { bytes: RECORDED_DID.bytes, files: RECORDED_DID.files },
  replicas: ON_SOURCE_ONLY,
  destinationRses: ["SWAN-MOUNT"],
  quotas: [JDOE_ON_SWAN_MOUNT],
  existingRuleId: null,
  history: [],
  download: null,
  ...overrides,
});

const ruleHistory: FinishedStaging[] = [11, 12, 10].map((seconds) => ({
  mode: "RULE",
  destination: "SWAN-MOUNT",
  sources: ["REMOTE-SCRATCHDISK"],
  bytes: 100_000,
  seconds,
}));

describe("the plan of a rule", () => {
  it("lists complete replicas, the whole size missing, jdoe's quota enough, and no estimate without history", () => {
    const plan = assemblePlan(ruleRequest, answers());
    expect(plan.replicas).toEqual([
      { rse: "REMOTE-SCRATCHDISK", availableFiles: 5, availableBytes: 118_917, complete: true },
    ]);
    expect(plan).toMatchObject({ available: null, bytesMissing: 118_917, refusal: null, estimate: null, files: 5 });
    expect(plan.quotas).toEqual([
      {
        rse: "SWAN-MOUNT",
        account: "jdoe",
        limitBytes: 10_737_418_240,
        unlimited: false,
        usedBytes: 0,
        remainingBytes: 10_737_418_240,
        neededBytes: 118_917,
        enough: true,
      },
    ]);
    expect(plan.estimateNote).toMatch(/^No history yet: no rule to SWAN-MOUNT has finished/);
  });

  it("says the data is already available when every file is on the session's RSE", () => {
    const plan = assemblePlan(ruleRequest, answers({ replicas: COMPLETE_ON_SESSION_RSE }));
    expect(plan.available).toEqual({ how: "replica", where: "SWAN-MOUNT", since: null });
    expect(plan.atDestination).toEqual({ rse: "SWAN-MOUNT", files: 5, bytes: 118_917 });
    expect(plan.bytesMissing).toBe(0);
  });

  it("counts only what is not on the destination yet as missing", () => {
    const plan = assemblePlan(ruleRequest, answers({ replicas: PARTLY_ON_SESSION_RSE }));
    expect(plan).toMatchObject({ available: null, bytesMissing: 118_917 - 40_112 });
    expect(plan.atDestination).toMatchObject({ rse: "SWAN-MOUNT", bytes: 40_112 });
    expect(plan.atDestination!.files).toBeGreaterThan(0);
  });

  it("refuses alice's request over her 1 KiB quota with Rucio's numbers", () => {
    const plan = assemblePlan(ruleRequest, answers({ quotas: [ALICE_ON_SWAN_MOUNT] }));
    expect(plan.quotas[0]).toMatchObject({ enough: false, remainingBytes: 1024, neededBytes: 118_917 });
    expect(plan.refusal).toBe(
      `Over your Rucio quota: staging ${RECORDED_DID.scope}:${RECORDED_DID.name} needs 118,917 bytes, but on SWAN-MOUNT ` +
        "account alice has a limit of 1,024 bytes, uses 0 bytes and has 1,024 bytes left (Rucio's figures). " +
        "No rule was made. Release rules you no longer need on that RSE, or ask for a larger quota.",
    );
  });

  it("needs no quota when the user's own rule already covers the data", () => {
    const plan = assemblePlan(ruleRequest, answers({ quotas: [ALICE_ON_SWAN_MOUNT], existingRuleId: "abc123" }));
    expect(plan).toMatchObject({ refusal: null, quotas: [{ neededBytes: 0, enough: true }] });
    expect(plan.quotaNote).toMatch(/^Your rule abc123 already holds this data/);
  });

  it("shows an unlimited quota as such, leaves an unset limit to Rucio, and a quota Rucio did not give as a note", () => {
    expect(assemblePlan(ruleRequest, answers({ quotas: [ROOT_ON_SWAN_MOUNT] })).quotas[0]).toMatchObject({
      unlimited: true,
      limitBytes: null,
      enough: true,
    });
    const unset = { ...JDOE_ON_SWAN_MOUNT, limitBytes: null, remainingBytes: null };
    expect(assemblePlan(ruleRequest, answers({ quotas: [unset] }))).toMatchObject({
      refusal: null,
      quotas: [{ enough: null }],
    });
    const silent = assemblePlan(ruleRequest, answers({ quotas: { error: "Rucio did not answer" } }));
    expect(silent).toMatchObject({
      refusal: null,
      quotas: [],
      quotaNote: "Rucio did not give your quota: Rucio did not answer",
    });
  });

  it("estimates from the finished rules from where the data is", () => {
    const plan = assemblePlan(ruleRequest, answers({ history: ruleHistory }));
    expect(plan.estimate).toMatchObject({
      seconds: 11,
      confidence: "MEDIUM",
      samples: 3,
      source: "REMOTE-SCRATCHDISK",
    });
    expect(plan.estimateNote).toMatch(/^From 3 finished rules to SWAN-MOUNT from REMOTE-SCRATCHDISK: 11 s to start;/);
  });

  it("marks replica figures as lower bounds when the listing was cut short", () => {
    const plan = assemblePlan(ruleRequest, answers({ replicas: { ...COMPLETE_ON_SESSION_RSE, complete: false } }));
    expect(plan.replicasExact).toBe(false);
    expect(plan.available).toBeNull();
  });
});

describe("the plan of a download", () => {
  it("applies no quota and is not available before a download finished", () => {
    const plan = assemblePlan(downloadRequest, answers({ destinationRses: [], quotas: [] }));
    expect(plan).toMatchObject({ available: null, quotas: [], refusal: null, bytesMissing: 118_917 });
    expect(plan.quotaNote).toMatch(/no Rucio quota applies/);
    expect(plan.estimateNote).toMatch(/^No history yet: no download into a session has finished/);
  });

  it("says the data was already downloaded into this folder", () => {
    const finishedAt = new Date("2026-12-04T10:00:00Z");
    const plan = assemblePlan(downloadRequest, answers({ destinationRses: [], quotas: [], download: { finishedAt } }));
    expect(plan.available).toEqual({ how: "download", where: "rucio-data", since: finishedAt.toISOString() });
    expect(plan.bytesMissing).toBe(0);
  });
});
