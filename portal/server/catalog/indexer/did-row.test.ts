import { describe, expect, it } from "vitest";
import type { DidMeta } from "@/server/rucio";
import { parseRucioJson } from "@/server/rucio/json";
import { addFileToSize, canonicalJson, needsCountedSize, toDidRow, type CollectionSize } from "./did-row";
import { RECORDED_FILE_LINES, RECORDED_META_LINES } from "./recorded-rucio.fixture";
import { RECORDED_DATASET, RECORDED_DATASET_FACETS } from "../recorded-dataset.fixture";

// The gateway parses Rucio's lines this way (dates become Date).
const meta = (line: string) => parseRucioJson(line) as DidMeta;

describe("toDidRow maps Rucio's DID metadata to a catalog row", () => {
  it("a closed ATLAS dataset: facets, Rucio's counters, dates in Prisma's SQLite form", () => {
    const row = toDidRow(meta(RECORDED_META_LINES.closedDataset));
    expect(row).toMatchObject({
      name: RECORDED_DATASET,
      didType: "DATASET",
      bytes: 79772,
      length: 5,
      events: 150000,
      rucioCreatedAt: "2026-11-24T21:11:24.000+00:00",
      rucioUpdatedAt: "2026-11-24T21:42:20.000+00:00",
      account: "root",
      availability: "AVAILABLE",
      ...RECORDED_DATASET_FACETS,
    });
  });

  it("stores the non-null metadata as canonical JSON, without keys that change on reads", () => {
    const stored = JSON.parse(toDidRow(meta(RECORDED_META_LINES.closedDataset)).meta) as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual([...Object.keys(stored)].sort());
    expect(stored).toMatchObject({
      run_number: 348885,
      is_open: false,
      closed_at: "2026-11-24T21:11:24.000Z",
      bytes: 79772,
    });
    for (const key of [
      "scope",
      "name",
      "created_at",
      "updated_at",
      "accessed_at",
      "access_cnt",
      "is_new",
      "guid",
      "task_id",
    ]) {
      expect(stored).not.toHaveProperty(key);
    }
  });

  it("search text holds the name's and the metadata's words, not accounts, states or dates", () => {
    const words = toDidRow(meta(RECORDED_META_LINES.cmsDataset)).searchText.split(" ");
    expect(words).toEqual(
      expect.arrayContaining(["cms", "run2", "run2018a", "egamma", "miniaod", "ul2018", "reco", "v1"]),
    );
    expect(words).not.toContain("root");
    expect(words).not.toContain("available");
    expect(words).not.toContain("2026");
  });

  it("an open collection takes the counted files, bytes and events instead of Rucio's null counters", () => {
    const container = meta(RECORDED_META_LINES.openContainer);
    expect(needsCountedSize(container)).toBe(true);
    expect(toDidRow(container)).toMatchObject({ didType: "CONTAINER", bytes: null, length: null, events: null });
    const counted: CollectionSize = { files: 60, bytes: 1155913, events: 4269126 };
    expect(toDidRow(container, counted)).toMatchObject({ bytes: 1155913, length: 60, events: 4269126 });
    expect(needsCountedSize(meta(RECORDED_META_LINES.closedDataset))).toBe(false);
  });

  it("identical metadata gives identical rows, whatever order Rucio sends the keys in", () => {
    const original = meta(RECORDED_META_LINES.openScaleDataset);
    const reversed = Object.fromEntries(Object.entries(original).reverse()) as DidMeta;
    expect(toDidRow(reversed)).toEqual(toDidRow(original));
  });

  it("coerces free-form (JSON plugin) values and refuses what does not fit the columns", () => {
    const row = toDidRow({
      scope: "user.jdoe",
      name: "user.jdoe.test",
      did_type: "DATASET",
      run_number: "00348885",
      events: "12",
      bytes: -1,
      datatype: "  ",
      campaign: 2024,
      length: 3.5,
    });
    expect(row).toMatchObject({
      runNumber: 348885,
      events: 12,
      bytes: null,
      datatype: null,
      campaign: "2024",
      length: null,
    });
    expect(toDidRow({ scope: "s", name: "n", did_type: "DATASET", run_number: 2 ** 31 }).runNumber).toBeNull();
  });
});

describe("addFileToSize", () => {
  it("sums the files bulkfiles listed per collection; events stay null when no file has any", () => {
    const sizes = new Map<string, CollectionSize>();
    for (const line of RECORDED_FILE_LINES) {
      const file = JSON.parse(line) as { parent_name: string; bytes: number; events: number };
      addFileToSize(sizes, file.parent_name, file);
    }
    addFileToSize(sizes, "other", { bytes: null, events: null });
    expect(sizes.get("data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910")).toEqual({
      files: 2,
      bytes: 29770 + 23408,
      events: 112305 + 112304,
    });
    expect(sizes.get("other")).toEqual({ files: 1, bytes: 0, events: null });
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });
});
