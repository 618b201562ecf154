import { expect } from "vitest";
import { DEMO } from "../hostile-inputs.fixture";
import type { RouteHarness } from "./route-harness";

/** What the API suites read and set the portal's state through; call once the environment is set. */
export async function loadStateModules() {
  return {
    db: (await import("@/server/db/client")).db,
    rucio: await import("@/server/rucio"),
    signInAs: (await import("../../../../testing/recorded-sign-in")).signInAs,
  };
}

/** A download-mode staging request of the demo dataset, made through the API with `cookie`: its id and progress token. */
export async function createDownload(harness: RouteHarness, cookie: string | undefined, destination: string) {
  const created = await harness.call("POST", "/api/stagings", {
    cookie,
    body: { ...DEMO, mode: "DOWNLOAD", destination },
  });
  expect(created.status, created.text).toBe(201);
  return {
    id: String((created.json!.staging as { id: string }).id),
    token: String((created.json!.progressToken as { token: string }).token),
  };
}
