import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/server/db/client";
import {
  addDataset,
  ensureTestScope,
  instance,
  listNames,
  migratedDatabase,
  runUndertaker,
  setMetadata,
  TEST_SCOPE,
} from "./int-test-support";
import { runIndexer } from "./run-indexer";
import { uniqueSuffix } from "../../../../testing/local-rucio";
import {
  createScratchDatabase,
  type ScratchDatabase,
  testDatabaseProvider,
} from "../../../../testing/scratch-database";

// Incremental runs and full sweeps against the real local Rucio, on the catalog database the tests are
// given (PORTAL_TEST_DATABASE).
const settings = { countOpenCollections: true };

describe("incremental runs and full sweeps (scope indexer_test)", () => {
  let scratch: ScratchDatabase;
  let database: DatabaseConnection;
  const suffix = uniqueSuffix();
  const kept = `indexer_test.kept.${suffix}`;
  const anchor = `indexer_test.anchor.${suffix}`;
  const added = `indexer_test.added.${suffix}`;
  const doomed = `indexer_test.doomed.${suffix}`;
  // No overlap: an incremental run lists exactly the DIDs created at or after the newest one seen (`anchor`).
  const run = (full = false) =>
    runIndexer(database, { scopes: [TEST_SCOPE], full, settings: { ...settings, createdAfterOverlapMs: 0 } });
  const row = (didName: string) =>
    database.client.did.findUnique({ where: { instance_scope_name: { instance, scope: TEST_SCOPE, name: didName } } });

  beforeAll(async () => {
    scratch = await createScratchDatabase(testDatabaseProvider(), "indexer_incremental");
    database = await migratedDatabase(scratch);
    await ensureTestScope();
    await runUndertaker(); // removes what earlier runs of this test left to expire
    await addDataset(kept, { campaign: "mc23a", datatype: "DAOD_PHYS" });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Rucio's created_at has whole seconds
    await addDataset(anchor, {});
  });
  afterAll(async () => {
    for (const didName of [kept, anchor, added]) await setMetadata(didName, "lifetime", "1").catch(() => undefined);
    await database?.client.$disconnect();
    await scratch?.drop();
  });

  it("the first run is a full sweep; a re-run reads only the newest DID again and writes nothing", async () => {
    expect((await run()).scopes).toMatchObject([{ mode: "full", phase: "done" }]);
    expect(await row(kept)).toMatchObject({ campaign: "mc23a", datatype: "DAOD_PHYS", length: 0, bytes: 0n });
    expect((await run()).scopes).toMatchObject([{ mode: "incremental", phase: "done", done: 1, written: 0 }]);
  });

  it("an incremental run writes only the new DID; metadata changes wait for the full sweep, which writes only them", async () => {
    const before = await row(kept);
    await setMetadata(kept, "campaign", "mc23c"); // bumps Rucio's updated_at, not created_at
    await addDataset(added, { datatype: "DAOD_PHYSLITE" });

    const incremental = await run();
    expect(incremental.scopes).toMatchObject([{ mode: "incremental", phase: "done", done: 2, written: 1 }]);
    expect(await row(added)).toMatchObject({ datatype: "DAOD_PHYSLITE" });
    expect(await row(kept)).toMatchObject({ campaign: "mc23a", indexedAt: before?.indexedAt });

    const sweep = await run(true);
    expect(sweep.scopes).toMatchObject([{ mode: "full", phase: "done", written: 1, deleted: 0 }]);
    const changed = await row(kept);
    expect(changed).toMatchObject({ campaign: "mc23c" });
    expect(changed?.rucioUpdatedAt?.getTime()).toBeGreaterThan(before?.rucioUpdatedAt?.getTime() ?? Infinity);
  });

  it("a DID deleted in Rucio stays until a full sweep removes it", async () => {
    await addDataset(doomed, {}, 1);
    expect((await run()).scopes).toMatchObject([{ mode: "incremental", written: 1 }]);
    expect(await row(doomed)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await runUndertaker();
    expect(await listNames(TEST_SCOPE)).not.toContain(doomed);

    expect((await run()).scopes).toMatchObject([{ mode: "incremental", deleted: 0 }]);
    expect(await row(doomed)).not.toBeNull();
    expect((await run(true)).scopes).toMatchObject([{ mode: "full", deleted: 1, written: 0 }]);
    expect(await row(doomed)).toBeNull();
    expect(await row(kept)).not.toBeNull();
  });
});
