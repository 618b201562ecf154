import "server-only";

// Watched searches: a user's saved searches, told about new matches after each indexing run, with an
// Atom feed and optional auto-stage. Which DIDs newly match is the catalog's part (server/catalog/watches).
export { afterIndexingRun } from "./after-indexing";
export { autoStageNewMatches, type AutoStageResult } from "./auto-stage";
export { FEED_PATH, feedDocument, renewFeed, revokeFeed } from "./feed";
export { feedSecretParams, newWatch, watchIdParams, watchPatch } from "./watch-input";
export {
  createWatch,
  deleteWatch,
  getWatch,
  listWatches,
  MAX_AUTO_STAGE_PER_RUN,
  MAX_WATCHES_PER_USER,
  updateWatch,
  watchSummary,
  type WatchInput,
} from "./watch-store";
