import type { WatchMatchView, WatchView } from "@/lib/api-responses";

// The words the watch page, the search page and the header use for watched searches.

/** The server's limit on a watch's name. */
export const MAX_WATCH_NAME = 100;

/** What the name field starts with: the query itself, cut to the allowed length. */
export function defaultWatchName(query: string): string {
  const trimmed = query.trim().replace(/\s+/g, " ");
  return (trimmed || "All datasets").slice(0, MAX_WATCH_NAME);
}

export function newMatchesLabel(newCount: number): string {
  return newCount === 0 ? "Nothing new since you last looked" : `${newCount} new since you last looked`;
}

/** The header's link: "Watches", or "3 new in watches". */
export function watchesBadgeLabel(newCount: number): string {
  return newCount === 0 ? "Watches" : `${newCount} new in watches`;
}

export function autoStageLabel(autoStage: WatchView["autoStage"]): string {
  if (!autoStage) return "Auto-stage is off";
  return `Auto-stage is on: a Rucio rule for each new match, at most ${autoStage.limitPerRun} per indexing run`;
}

/** What auto-stage did with a match, or null when it was never asked to. */
export function autoStageOutcome(match: Pick<WatchMatchView, "stagingId" | "autoStageNote">): string | null {
  if (match.stagingId) return "Auto-staged";
  if (match.autoStageNote) return `Not auto-staged: ${match.autoStageNote}`;
  return null;
}
