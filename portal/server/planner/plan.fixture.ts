import type { ReplicaSummary } from "@/lib/api-responses";
import type { RseQuota } from "@/server/rucio";

// What the local Rucio 41 answered for one demo dataset of 5 files (118,917 bytes) and the demo accounts.

export const RECORDED_DID = {
  scope: "user.jdoe",
  name: "user.jdoe.planner-int.mjf0a1b2c3d4",
  bytes: 118_917,
  files: 5,
};

/** Replicas on the source only: never staged. */
export const ON_SOURCE_ONLY: ReplicaSummary = {
  files: 5,
  complete: true,
  rses: [
    { rse: "REMOTE-SCRATCHDISK", filesByState: { AVAILABLE: 5 }, files: 5, bytes: 118_917, availableBytes: 118_917 },
  ],
};

/** After a rule to SWAN-MOUNT went OK (the mock transfer tool: Rucio records the replicas). */
export const COMPLETE_ON_SESSION_RSE: ReplicaSummary = {
  ...ON_SOURCE_ONLY,
  rses: [
    ...ON_SOURCE_ONLY.rses,
    { rse: "SWAN-MOUNT", filesByState: { AVAILABLE: 5 }, files: 5, bytes: 118_917, availableBytes: 118_917 },
  ],
};

/** A rule half-way: two files there, three still copying. */
export const PARTLY_ON_SESSION_RSE: ReplicaSummary = {
  ...ON_SOURCE_ONLY,
  rses: [
    ...ON_SOURCE_ONLY.rses,
    { rse: "SWAN-MOUNT", filesByState: { AVAILABLE: 2, COPYING: 3 }, files: 5, bytes: 118_917, availableBytes: 40_112 },
  ],
};

// GET /accounts/{account}/usage/local/SWAN-MOUNT, as getRseQuota reads it.
export const ALICE_ON_SWAN_MOUNT: RseQuota = {
  account: "alice",
  rse: "SWAN-MOUNT",
  limitBytes: 1024,
  usedBytes: 0,
  remainingBytes: 1024,
};
export const JDOE_ON_SWAN_MOUNT: RseQuota = {
  account: "jdoe",
  rse: "SWAN-MOUNT",
  limitBytes: 10_737_418_240,
  usedBytes: 0,
  remainingBytes: 10_737_418_240,
};
export const ROOT_ON_SWAN_MOUNT: RseQuota = {
  account: "root",
  rse: "SWAN-MOUNT",
  limitBytes: Infinity,
  usedBytes: 0,
  remainingBytes: Infinity,
};

// Raw answers of the local Rucio, as the stub Rucio replays them to the gateway.
const DEMO_DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const replicaRecord = (index: number, bytes: number) => {
  const name = `${DEMO_DATASET}._00000${index}.pool.root.1`;
  const pfn = `file://localhost/work/main/.local/rucio/rses/remote/data18_13TeV/59/4e/${name}`;
  return {
    scope: "data18_13TeV",
    name,
    bytes,
    pfns: { [pfn]: { rse: "REMOTE-POSIX", type: "DISK", domain: "wan", priority: 1 } },
    rses: { "REMOTE-POSIX": [pfn] },
    states: { "REMOTE-POSIX": "AVAILABLE" },
  };
};
/** POST /replicas/list (all_states) for two files of the demo's ATLAS dataset. */
export const RECORDED_REPLICA_RECORDS = [replicaRecord(1, 18_763), replicaRecord(2, 6_971)];
export const RECORDED_DATASET = { scope: "data18_13TeV", name: DEMO_DATASET, bytes: 25_734, files: 2 };
/** GET /accounts/alice/usage/local/SWAN-MOUNT. */
export const RECORDED_ALICE_USAGE =
  '{"rse_id": "667603b128cc4681b22c84b74e03f994", "rse": "SWAN-MOUNT", "bytes": 0, "files": 0, "bytes_limit": 1024, "bytes_remaining": 1024}\n';
