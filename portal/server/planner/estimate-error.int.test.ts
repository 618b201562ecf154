import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StagingView } from "@/lib/api-responses";
import { loadStagingModules, useStagingDatabase } from "../staging/int-test-support";
import { freshJdoeDataset, rucioCli } from "../../../testing/local-rucio";
import { median } from "./model-fit";

// How far the planner's estimates are from what happens, on the local Rucio: real stagings made through
// the portal's code one after another on a fresh database, each estimated from those finished before it.
// Rule mode: Rucio's daemons take the rule to OK (mock transfer tool, no bytes move). Download mode: the
// real rucio client downloads the files while the test reports progress as the session's executor does.
// Minutes long, so on demand only:
//   PLANNER_MEASURE=1 npx vitest run --project integration portal/server/planner/estimate-error.int.test.ts

const STAGINGS_PER_MODE = Number(process.env.PLANNER_MEASURE_STAGINGS ?? 8);
let modules: Awaited<ReturnType<typeof loadStagingModules>>;
const createdRules = useStagingDatabase("estimate_error", async () => {
  modules = await loadStagingModules();
});

interface Outcome {
  mode: "RULE" | "DOWNLOAD";
  files: number;
  estimated: number | null;
  confidence: string | null;
  actual: number;
}

async function stageByRule(did: { scope: string; name: string }): Promise<Outcome> {
  const jdoe = await modules.signInAs("jdoe");
  const config = { ...modules.stagingConfig(), rseExpression: "SWAN-MOUNT", ruleLifetimeSeconds: 86_400 };
  const { staging } = await modules.createStagingRequest(jdoe, did, config);
  createdRules.push(staging.ruleId!);
  const tracker = new modules.StagingTracker({
    intervalMs: 1_000,
    maxIntervalMs: 2_000,
    leaseMs: 10_000,
    log: () => {},
  });
  let view = staging;
  while (view.state !== "OK") {
    expect(view.unfinished, `${did.name}: ${view.state} ${view.error}`).toBe(true);
    await tracker.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    view = (await modules.getStagingRequest(jdoe, staging.id)).staging;
  }
  return outcomeOf("RULE", view);
}

async function stageByDownload(did: { scope: string; name: string }): Promise<Outcome> {
  const jdoe = await modules.signInAs("jdoe");
  const { staging } = await modules.createStagingRequest(jdoe, { ...did, mode: "DOWNLOAD", destination: "measure" });
  const { applyProgressReport } = await import("../staging/download-progress");
  const report = async (state: "DOWNLOADING" | "OK", bytesDone: bigint, filesDone: number) =>
    applyProgressReport(await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: staging.id } }), {
      state,
      filesDone,
      bytesDone,
    });
  const folder = await mkdtemp(join(tmpdir(), "planner-measure-"));
  try {
    await report("DOWNLOADING", 0n, 0);
    await rucioCli("jdoe", ["download", "--dir", folder, `${did.scope}:${did.name}`]);
    return await outcomeOf("DOWNLOAD", await report("OK", BigInt(staging.bytesTotal!), staging.filesTotal!));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The request as it finished; the actual time to the millisecond (the view rounds it to seconds). */
async function outcomeOf(mode: Outcome["mode"], view: StagingView): Promise<Outcome> {
  const row = await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: view.id } });
  return {
    mode,
    files: view.filesTotal ?? 0,
    estimated: view.estimatedSeconds,
    confidence: view.estimateConfidence,
    actual: (row.finishedAt!.getTime() - row.createdAt.getTime()) / 1000,
  };
}

function summary(outcomes: Outcome[]) {
  const estimated = outcomes.filter((outcome) => outcome.estimated !== null);
  const errors = estimated.map((outcome) => Math.abs(outcome.estimated! - outcome.actual));
  const relative = estimated.map((outcome, i) => errors[i]! / Math.max(outcome.actual, 1));
  const tenths = (value: number) => Math.round(value * 10) / 10;
  return {
    n: errors.length,
    medianAbsErrorSeconds: tenths(median(errors)),
    worstAbsErrorSeconds: tenths(Math.max(...errors)),
    medianRelativeError: Math.round(median(relative) * 100) / 100,
    meanActualSeconds: Math.round((estimated.reduce((sum, o) => sum + o.actual, 0) / estimated.length) * 10) / 10,
  };
}

describe.runIf(process.env.PLANNER_MEASURE === "1")("the estimate's error on the local Rucio", () => {
  it(
    `estimates ${STAGINGS_PER_MODE} rule stagings and ${STAGINGS_PER_MODE} downloads, each from those finished before`,
    async () => {
      const outcomes: Outcome[] = [];
      for (let index = 0; index < STAGINGS_PER_MODE; index++) {
        const { files, ...did } = await freshJdoeDataset("measure", 1 + (index % 4));
        expect(files.length).toBeGreaterThan(0);
        outcomes.push(await stageByRule(did));
        outcomes.push(await stageByDownload(did));
      }
      const byMode = (mode: Outcome["mode"]) => outcomes.filter((outcome) => outcome.mode === mode);
      console.table(outcomes);
      const figures = { RULE: summary(byMode("RULE")), DOWNLOAD: summary(byMode("DOWNLOAD")), all: summary(outcomes) };
      console.log(JSON.stringify(figures, null, 2));
      // The first of each mode has no history to go on; every later one has an estimate.
      for (const mode of ["RULE", "DOWNLOAD"] as const) {
        expect(byMode(mode)[0]!.estimated).toBeNull();
        expect(
          byMode(mode)
            .slice(1)
            .every((outcome) => outcome.estimated !== null),
        ).toBe(true);
      }
    },
    30 * 60_000,
  );
});
