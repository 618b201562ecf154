import "server-only";
import { afterAll, beforeAll } from "vitest";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";

/**
 * Registers a staging integration suite's hooks: before all, a fresh catalog database that the
 * portal's modules use, then `loadModules` (which must import them only now); after all, the Rucio
 * rules put in the returned list deleted, the database client disconnected and the database dropped.
 */
export function useStagingDatabase(label: string, loadModules: () => Promise<void>): string[] {
  const ruleIds: string[] = [];
  let scratch: ScratchDatabase | undefined;
  let loaded = false;
  beforeAll(async () => {
    scratch = await useScratchDatabase(label);
    await loadModules();
    loaded = true;
  });
  afterAll(async () => {
    if (loaded) {
      const rucio = await import("@/server/rucio");
      for (const ruleId of ruleIds) await rucio.deleteRule(rucio.serviceCaller(), ruleId).catch(() => undefined);
      await (await import("@/server/db/client")).db.$disconnect();
    }
    await scratch?.drop();
  });
  return ruleIds;
}

/** The modules the staging suites drive, to import once the database exists (see useStagingDatabase). */
export async function loadStagingModules() {
  return {
    ...(await import("./create-staging")),
    ...(await import("./requests")),
    ...(await import("./tracker")),
    ...(await import("./config")),
    ...(await import("./errors")),
    ...(await import("../../../testing/recorded-sign-in")),
    rucio: await import("@/server/rucio"),
    db: (await import("@/server/db/client")).db,
  };
}
