import "server-only";

// Staging: getting a DID to where a Jupyter session reads it, by a Rucio rule or by a download, and
// tracking it. What the routes, pages and the tracker's start-up use; the rest stays inside.
export { stagingConfig, type StagingConfig, type TrackerConfig } from "./config";
export { createStagingRequest, type NewStaging } from "./create-staging";
export { applyProgressReport, authorizeProgressReport } from "./download-progress";
export { StagingError } from "./errors";
export { stagingIdParams } from "./ids";
export { listMountedFiles, listStagedFiles } from "./local-paths";
export { mountFor, type MountMapping } from "./mount-mapping";
export { cancelStagingRequest, getStagingRequest, listStagingRequests, type StagingFilter } from "./requests";
export { startStagingTracker } from "./start";
export { trackRulesByMessages, wakeRequestsForRules } from "./rule-messages";
export { UNFINISHED_STATES } from "./states";
export { StagingTracker } from "./tracker";
