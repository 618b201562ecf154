import { describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { eachProvider, useMigratedDatabase } from "../db/int-test-support";
import { defaultInstanceName } from "../rucio";
import { getCatalogDataset, getLiveDataset, listDatasetFiles } from "./dataset-details";
import { RECORDED_DATASET as DATASET, RECORDED_DATASET_FACETS } from "./recorded-dataset.fixture";
import { summarizeReplicas } from "./replica-summary";

// The catalog read on both providers, and the live reads against the local Rucio's demo data (rucio/up.sh).
const CONTAINER = "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910";

describe.each(eachProvider("dataset-details"))("catalog entry of a DID on $name", ({ create }) => {
  let database: Database;
  useMigratedDatabase(create, async (connection) => {
    database = connection.client;
    await database.rucioInstance.create({ data: { name: "cern", url: "https://rucio.example" } });
    await database.scope.create({ data: { instance: "cern", name: "data18_13TeV" } });
    await database.did.create({
      data: {
        instance: "cern",
        scope: "data18_13TeV",
        name: DATASET,
        didType: "DATASET",
        bytes: 2n ** 53n + 2n,
        length: 5,
        rucioCreatedAt: new Date("2026-11-24T21:11:24Z"),
        account: "root",
        availability: "AVAILABLE",
        meta: { run_number: 348885, guid: null, provenance: "T0" },
        ...RECORDED_DATASET_FACETS,
        events: 150000n,
      },
    });
  });

  it("returns the promoted columns and the full metadata as JSON-safe values", async () => {
    const entry = await getCatalogDataset({ instance: "cern", scope: "data18_13TeV", name: DATASET }, database);
    expect(entry).toMatchObject({
      instance: "cern",
      scope: "data18_13TeV",
      name: DATASET,
      type: "DATASET",
      files: 5,
      events: 150000,
      createdAt: "2026-11-24T21:11:24.000Z",
      updatedAt: null,
      project: "data18_13TeV",
      datatype: "DAOD_PHYS",
      runNumber: 348885,
      stream: "physics_Main",
      prodStep: "deriv",
      version: "r13286_p4910",
      campaign: "grp18",
      availability: "AVAILABLE",
      meta: { run_number: 348885, guid: null, provenance: "T0" },
    });
    expect(typeof entry?.bytes).toBe("number");
    expect(() => JSON.stringify(entry)).not.toThrow();
  });

  it("returns null for a DID the catalog does not hold, also in another instance", async () => {
    expect(await getCatalogDataset({ instance: "cern", scope: "data18_13TeV", name: "missing" }, database)).toBeNull();
    expect(await getCatalogDataset({ instance: "other", scope: "data18_13TeV", name: DATASET }, database)).toBeNull();
  });
});

describe("live reads against the local Rucio", () => {
  const ref = (name: string) => ({ instance: defaultInstanceName(), scope: "data18_13TeV", name });

  it("reads a demo dataset, its parent container and a page of its files with checksums", async () => {
    const live = await getLiveDataset(ref(DATASET));
    expect(live).toMatchObject({ type: "DATASET", files: 5, open: false });
    expect(live.parents).toContainEqual({ scope: "data18_13TeV", name: CONTAINER, type: "CONTAINER" });
    const page = await listDatasetFiles(ref(DATASET), 0, 3);
    expect(page.items).toHaveLength(3);
    expect(page.nextOffset).toBe(3);
    for (const file of page.items) {
      expect(file.adler32).toMatch(/^[0-9a-f]{8}$/);
      expect(file.md5).toMatch(/^[0-9a-f]{32}$/);
    }
    const rest = await listDatasetFiles(ref(DATASET), 3, 3);
    expect(rest.items).toHaveLength(2);
    expect(rest.nextOffset).toBeNull();
    expect(new Set([...page.items, ...rest.items].map((file) => file.name)).size).toBe(5);
  });

  it("finds every file of the container on the source RSE", async () => {
    const summary = await summarizeReplicas(ref(CONTAINER));
    expect(summary.files).toBe(60);
    expect(summary.rses.find((rse) => rse.rse === "REMOTE-POSIX")?.filesByState.AVAILABLE).toBe(60);
  });
});
