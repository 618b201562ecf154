import { describe, expect, it } from "vitest";
import type { StagingPlan } from "@/lib/api-responses";
import { localDataOf, localDataSentence, stageLabel, type FolderCheck } from "./local-data";

const rulePlan = (overrides: Partial<StagingPlan>) =>
  ({
    mode: "RULE",
    destination: "SWAN-MOUNT",
    files: 3,
    bytes: 300,
    replicasExact: true,
    available: null,
    atDestination: null,
    bytesMissing: 300,
    ...overrides,
  }) as StagingPlan;
const downloadPlan = rulePlan({ mode: "DOWNLOAD", destination: "rucio-data" });
const folder = (overrides: Partial<FolderCheck>): FolderCheck => ({
  state: "missing",
  folder: "rucio-data",
  filesTotal: 3,
  filesPresent: 0,
  bytesTotal: 300,
  bytesPresent: 0,
  checked: "size",
  ...overrides,
});
const say = (plan: StagingPlan | undefined, check: FolderCheck | null = null) =>
  localDataSentence(localDataOf(plan, check), String, (b) => `${b} B`);

describe("rule mode: Rucio's replicas on the RSE the session mounts", () => {
  it("every file there: insert now, nothing to stage", () => {
    const plan = rulePlan({
      available: { how: "replica", where: "SWAN-MOUNT", since: null },
      atDestination: { rse: "SWAN-MOUNT", files: 3, bytes: 300 },
      bytesMissing: 0,
    });
    expect(localDataOf(plan, null)).toMatchObject({ kind: "complete", where: "SWAN-MOUNT" });
    expect(say(plan)).toBe(
      "Already on SWAN-MOUNT: 3 files, 300 B. Insert into notebook gives their local paths now; no staging needed.",
    );
    expect(stageLabel(localDataOf(plan, null))).toBeNull();
  });

  it("some files there: says how many, and Stage is for the missing ones", () => {
    const plan = rulePlan({ atDestination: { rse: "SWAN-MOUNT", files: 2, bytes: 200 }, bytesMissing: 100 });
    const data = localDataOf(plan, null);
    expect(data).toMatchObject({ kind: "partial", there: { files: 2, bytes: 200 }, missing: { files: 1, bytes: 100 } });
    expect(say(plan)).toMatch(
      /^Partly on SWAN-MOUNT already: 2 files, 200 B; missing: 1 file, 100 B\. .*transfers only/,
    );
    expect(stageLabel(data)).toBe("Stage the missing 1 file");
  });

  it("counts as lower bounds when Rucio lists fewer files than the DID has", () => {
    const plan = rulePlan({ replicasExact: false, atDestination: { rse: "SWAN-MOUNT", files: 2, bytes: 200 } });
    expect(say(plan)).toMatch(/at least 2 files/);
    expect(stageLabel(localDataOf(plan, null))).toBe("Stage the missing files");
  });

  it("nothing there (or no plan yet): no sentence, plain Stage", () => {
    expect(say(rulePlan({}))).toBeNull();
    expect(stageLabel(localDataOf(rulePlan({}), null))).toBe("Stage");
    expect(localDataOf(undefined, null).kind).toBe("unknown");
  });
});

describe("download mode: what the Jupyter server found in its folder", () => {
  it("every file there: insert now", () => {
    const check = folder({ state: "complete", filesPresent: 3, bytesPresent: 300, checked: "checksum" });
    expect(say(downloadPlan, check)).toMatch(/^Already downloaded into rucio-data: 3 files, 300 B\./);
    expect(stageLabel(localDataOf(downloadPlan, check))).toBeNull();
  });

  it("some files there: downloads only the missing ones", () => {
    const check = folder({ state: "partial", filesPresent: 1, bytesPresent: 100 });
    expect(say(downloadPlan, check)).toBe(
      "Partly downloaded into rucio-data already: 1 file, 100 B; missing: 2 files, 200 B. Stage downloads only the missing files.",
    );
    expect(stageLabel(localDataOf(downloadPlan, check))).toBe("Stage the missing 2 files");
  });

  it("without the server's look, or when it failed, claims nothing", () => {
    expect(localDataOf(downloadPlan, null).kind).toBe("unknown");
    expect(localDataOf(downloadPlan, folder({ state: "error", detail: "no credentials" }))).toEqual({
      kind: "unknown",
      reason: "no credentials",
    });
    expect(stageLabel(localDataOf(downloadPlan, null))).toBe("Stage");
  });
});
