import { randomBytes } from "node:crypto";
import { expect, vi } from "vitest";
import { loadCatalog } from "../../../../bench/search/load-catalog";
import { syntheticCatalog } from "../../../../bench/search/synthetic-catalog";
import { type ScratchDatabase, useScratchDatabase } from "../../../../testing/scratch-database";
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

/**
 * The portal an API suite calls: a scratch catalog database of `catalogRows` synthetic DIDs, sessions signed
 * with `secret`, the default local Rucio alone. `open` in beforeAll, once the suite's own environment is
 * set: it loads the state modules and those of `loadSuiteModules`; `close` in afterAll.
 */
export class ApiSuite<M extends object> {
  readonly secret = randomBytes(32).toString("base64url");
  private scratch: ScratchDatabase | undefined;
  private modules: (Awaited<ReturnType<typeof loadStateModules>> & M) | undefined;

  constructor(
    private readonly database: string,
    private readonly catalogRows: number,
    private readonly loadSuiteModules: () => Promise<M>,
  ) {}

  async open() {
    vi.stubEnv("NEXTAUTH_SECRET", this.secret);
    vi.stubEnv("RUCIO_INSTANCES", undefined);
    this.scratch = await useScratchDatabase(this.database);
    await loadCatalog(this.scratch.url, syntheticCatalog(this.catalogRows));
    this.modules = { ...(await loadStateModules()), ...(await this.loadSuiteModules()) };
    return this.modules;
  }

  async close() {
    await this.modules?.db.$disconnect();
    await this.scratch?.drop();
    vi.unstubAllEnvs();
  }
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
