/**
 * Allowed values of the string columns that stand for enums (see the note at the top of
 * prisma/models.prisma). Plain data, importable from server and browser code alike.
 */
export const DID_TYPES = ["DATASET", "CONTAINER", "FILE"] as const;
export type DidType = (typeof DID_TYPES)[number];

export const CHECKPOINT_STATES = ["IDLE", "RUNNING", "DONE", "FAILED"] as const;
export type CheckpointState = (typeof CHECKPOINT_STATES)[number];

export const STAGING_MODES = ["RULE", "DOWNLOAD"] as const;
export type StagingMode = (typeof STAGING_MODES)[number];

export const STAGING_STATES = ["QUEUED", "REPLICATING", "DOWNLOADING", "OK", "STUCK", "FAILED", "CANCELLED"] as const;
export type StagingState = (typeof STAGING_STATES)[number];
