import { beforeAll, describe, expect, it } from "vitest";
import { jsonResponse, rucioError, streamResponse } from "../rucio/test-support";
import { useStubRucio } from "../rucio/stub-rucio-suite";
import { recordedDidAnswer } from "../rucio/recorded-did.fixture";

// Shapes recorded from the local Rucio 41 server (names shortened).
const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const CONTAINER = "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910";
const content = (index: number) => ({
  scope: "data18_13TeV",
  name: `${DATASET}._00000${index}.pool.root.1`,
  type: "FILE",
  bytes: 1000 * index,
  adler32: `adler${index}`,
  md5: `md5-${index}`,
});
const listedFile = (index: number) => ({
  scope: "data18_13TeV",
  name: `${DATASET}._00000${index}.pool.root.1`,
  bytes: 1000 * index,
  adler32: `adler${index}`,
  guid: "G",
  events: 30000,
  lumiblocknr: null,
});
const rule = (id: string, created: string, state: string) => ({
  id,
  did_type: "DATASET",
  locks_ok_cnt: 3,
  state,
  locks_replicating_cnt: 2,
  error: null,
  locks_stuck_cnt: 0,
  rse_expression: "SWAN-MOUNT",
  priority: 3,
  created_at: created,
  copies: 1,
  account: "jdoe",
  expires_at: null,
  grouping: "DATASET",
  scope: "data18_13TeV",
  name: DATASET,
  activity: "User Subscriptions",
});

const stub = useStubRucio({ retries: 1 });
let details: typeof import("./dataset-details");
let replicas: typeof import("./replica-summary");
const ref = (name: string) => ({ instance: "stub", scope: "data18_13TeV", name });

beforeAll(async () => {
  details = await import("./dataset-details");
  replicas = await import("./replica-summary");
});

describe("live dataset reads", () => {
  it("pages a dataset's files from its contents listing, with both checksums", async () => {
    stub.answer((request) => {
      if (request.path === `/dids/data18_13TeV/${DATASET}`) return jsonResponse(recordedDidAnswer(DATASET, "DATASET"));
      if (request.path === `/dids/data18_13TeV/${DATASET}/dids`) return streamResponse([1, 2, 3, 4, 5].map(content));
      return rucioError(404, "DataIdentifierNotFound", "unexpected");
    });
    const first = await details.listDatasetFiles(ref(DATASET), 0, 2);
    expect(first.items.map((file) => file.md5)).toEqual(["md5-1", "md5-2"]);
    expect(first.items[0]).toEqual({
      scope: "data18_13TeV",
      name: `${DATASET}._000001.pool.root.1`,
      bytes: 1000,
      adler32: "adler1",
      md5: "md5-1",
    });
    expect(first.nextOffset).toBe(2);
    const last = await details.listDatasetFiles(ref(DATASET), 4, 2);
    expect(last).toEqual({ items: [expect.objectContaining({ md5: "md5-5" })], nextOffset: null });
    const exact = await details.listDatasetFiles(ref(DATASET), 3, 2);
    expect(exact.items).toHaveLength(2);
    expect(exact.nextOffset).toBeNull();
    // The type lookup must not make Rucio sum sizes over every file.
    const lookup = stub.apiRequests().find((request) => request.path === `/dids/data18_13TeV/${DATASET}`);
    expect(lookup?.query.has("dynamic_depth")).toBe(false);
  });

  it("lists a container's files through /files, without md5 which Rucio does not give there", async () => {
    stub.answer((request) => {
      if (request.path === `/dids/data18_13TeV/${CONTAINER}`)
        return jsonResponse(recordedDidAnswer(CONTAINER, "CONTAINER"));
      if (request.path === `/dids/data18_13TeV/${CONTAINER}/files`) return streamResponse([1, 2, 3].map(listedFile));
      return rucioError(404, "DataIdentifierNotFound", "unexpected");
    });
    const page = await details.listDatasetFiles(ref(CONTAINER), 1, 10);
    expect(page).toEqual({
      items: [2, 3].map((index) => ({
        scope: "data18_13TeV",
        name: `${DATASET}._00000${index}.pool.root.1`,
        bytes: 1000 * index,
        adler32: `adler${index}`,
        md5: null,
      })),
      nextOffset: null,
    });
  });

  it("sums replicas per RSE and state over every file", async () => {
    stub.answer(() =>
      streamResponse([
        {
          scope: "s",
          name: "f1",
          bytes: 100,
          md5: null,
          adler32: "a",
          pfns: {},
          rses: { "REMOTE-POSIX": ["file:///a"] },
          states: { "REMOTE-POSIX": "AVAILABLE", "SWAN-MOUNT": "COPYING" },
        },
        {
          scope: "s",
          name: "f2",
          bytes: 50,
          md5: null,
          adler32: "b",
          pfns: {},
          rses: { "REMOTE-POSIX": ["file:///b"], "SWAN-MOUNT": ["file:///c"] },
          states: { "REMOTE-POSIX": "AVAILABLE", "SWAN-MOUNT": "AVAILABLE" },
        },
      ]),
    );
    const summary = await replicas.summarizeReplicas(ref(DATASET));
    expect(summary).toEqual({
      files: 2,
      complete: true,
      rses: [
        { rse: "REMOTE-POSIX", files: 2, bytes: 150, availableBytes: 150, filesByState: { AVAILABLE: 2 } },
        { rse: "SWAN-MOUNT", files: 2, bytes: 150, availableBytes: 50, filesByState: { COPYING: 1, AVAILABLE: 1 } },
      ],
    });
    const request = stub.apiRequests()[0]!;
    expect(request.path).toBe("/replicas/list");
    expect(JSON.parse(request.body)).toMatchObject({
      dids: [{ scope: "data18_13TeV", name: DATASET }],
      all_states: true,
    });
  });

  it("stops summing at the cap, says so, and answers a repeated page view from its cache", async () => {
    const file = (name: string) => ({
      scope: "s",
      name,
      bytes: 10,
      md5: null,
      adler32: "a",
      pfns: {},
      rses: { "REMOTE-POSIX": ["file:///a"] },
      states: {},
    });
    stub.answer(() => streamResponse(["f1", "f2", "f3", "f4", "f5"].map(file)));
    const capped = ref("capped-dataset");
    const before = stub.apiRequests().length;
    const summary = await replicas.summarizeReplicas(capped, undefined, 3);
    expect(summary).toMatchObject({ files: 3, complete: false, rses: [{ rse: "REMOTE-POSIX", files: 3, bytes: 30 }] });
    expect(await replicas.summarizeReplicas(capped, undefined, 3)).toEqual(summary);
    expect(stub.apiRequests().length - before).toBe(1);
    const later = Date.now() + replicas.SUMMARY_TTL_MS + 1;
    await replicas.summarizeReplicas(capped, undefined, 3, later);
    expect(stub.apiRequests().length - before).toBe(2);
  });

  it("maps rules newest first with their lock counts", async () => {
    stub.answer(() =>
      streamResponse([
        rule("old", "Mon, 23 Nov 2026 10:00:00 UTC", "OK"),
        rule("new", "Tue, 24 Nov 2026 21:11:24 UTC", "REPLICATING"),
      ]),
    );
    const rules = await details.listDatasetRules(ref(DATASET));
    expect(rules.map((r) => r.id)).toEqual(["new", "old"]);
    expect(rules[0]).toEqual({
      id: "new",
      account: "jdoe",
      rseExpression: "SWAN-MOUNT",
      state: "REPLICATING",
      copies: 1,
      locks: { ok: 3, replicating: 2, stuck: 0 },
      activity: "User Subscriptions",
      error: null,
      createdAt: "2026-11-24T21:11:24.000Z",
      expiresAt: null,
    });
  });

  it("reads the live DID with its parents sorted", async () => {
    stub.answer((request) => {
      if (request.path.endsWith("/parents")) {
        return streamResponse([
          { scope: "data18_13TeV", name: "z.container", type: "CONTAINER" },
          { scope: "data18_13TeV", name: "a.container", type: "CONTAINER" },
        ]);
      }
      return jsonResponse(recordedDidAnswer(DATASET, "DATASET"));
    });
    expect(await details.getLiveDataset(ref(DATASET))).toEqual({
      type: "DATASET",
      account: "root",
      bytes: 79772,
      files: 5,
      open: false,
      parents: [
        { scope: "data18_13TeV", name: "a.container", type: "CONTAINER" },
        { scope: "data18_13TeV", name: "z.container", type: "CONTAINER" },
      ],
    });
  });

  it("surfaces Rucio's errors as typed gateway errors for the routes to map", async () => {
    stub.answer(() => rucioError(404, "DataIdentifierNotFound", "Data identifier 'data18_13TeV:nope' not found"));
    await expect(details.getLiveDataset(ref("nope"))).rejects.toMatchObject({ kind: "not_found" });
    stub.answer(() => ({ status: 503, body: "maintenance" }));
    await expect(details.listDatasetRules(ref(DATASET))).rejects.toMatchObject({ kind: "unavailable" });
  });
});
