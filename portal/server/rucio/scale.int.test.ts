import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import * as rucio from "./index";
import { REPO_ROOT } from "../../../testing/repo-root";

const SCALE = 50_000;

beforeAll(async () => {
  // Idempotent: registers the datasets only when scale_13TeV has fewer than SCALE.
  await promisify(execFile)("bash", [join(REPO_ROOT, "rucio/generate-scale.sh"), String(SCALE)], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
}, 600_000);

it(`streams ${SCALE} DIDs of scale_13TeV with bounded memory`, async () => {
  const caller = rucio.serviceCaller(rucio.defaultInstanceName());
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let count = 0;
  for await (const did of rucio.searchDids(caller, "scale_13TeV", { type: "dataset" })) {
    if (did.scope !== "scale_13TeV" || did.did_type !== "DATASET")
      throw new Error(`unexpected DID ${JSON.stringify(did)}`);
    count += 1;
    if (count % 1_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const growthMb = (peak - baseline) / 2 ** 20;
  console.info(`streamed ${count} DIDs; heap growth at peak ${growthMb.toFixed(1)} MB`);
  expect(count).toBeGreaterThanOrEqual(SCALE);
  expect(growthMb).toBeLessThan(100);
}, 120_000);
