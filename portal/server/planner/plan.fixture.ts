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
