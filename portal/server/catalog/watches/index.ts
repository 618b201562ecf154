import "server-only";

// Watched searches on the catalog's side: which DIDs newly match each watch after indexing.
export { changeLogEnd, evaluateWatches, type WatchEvaluation } from "./evaluate";
export { compilePredicate, type SearchableDid } from "./matcher";
