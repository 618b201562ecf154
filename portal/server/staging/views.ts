import "server-only";
import type { StagingEvent, StagingRequest } from "@/server/db/client";
import type { EstimateConfidence, StagingEventView, StagingProgressPoint, StagingView } from "@/lib/api-responses";
import type { StagingMode, StagingState } from "@/lib/db/values";
import { isProgressStep, percentDone, type ProgressCounts, secondsLeft } from "@/lib/staging/progress";
import { isCancellable, isUnfinished } from "./states";

// Bytes stay below 2^53 (9 PB) for any dataset a session stages; past that a number would round.
const bytes = (value: bigint | null) => (value === null ? null : Number(value));
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toStagingView(row: StagingRequest, now = new Date()): StagingView {
  const state = row.state as StagingState;
  const bytesDone = Number(row.bytesDone);
  const bytesTotal = bytes(row.bytesTotal);
  return {
    id: row.id,
    instance: row.instance,
    account: row.account,
    scope: row.scope,
    name: row.name,
    mode: row.mode as StagingMode,
    destination: row.destination,
    state,
    filesDone: row.filesDone,
    filesTotal: row.filesTotal,
    bytesDone,
    bytesTotal,
    filesPercent: percentDone(row.filesDone, row.filesTotal),
    bytesPercent: percentDone(bytesDone, bytesTotal),
    secondsLeft: isUnfinished(state) ? secondsLeft(bytesDone, bytesTotal, row.startedAt, now) : null,
    ruleId: row.ruleId,
    error: row.error,
    unfinished: isUnfinished(state),
    cancellable: isCancellable(state, row.mode, row.ruleId),
    progressSource: row.mode === "RULE" ? "rucio-locks" : "download-executor",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    watchId: row.watchId,
    estimatedSeconds: row.estimatedSeconds,
    estimateConfidence: row.estimateConfidence as EstimateConfidence | null,
    actualSeconds:
      state === "OK" && row.finishedAt
        ? Math.max(0, Math.round((row.finishedAt.getTime() - row.createdAt.getTime()) / 1000))
        : null,
  };
}

export function toEventView(event: StagingEvent): StagingEventView {
  return { at: event.at.toISOString(), kind: event.kind, message: event.message };
}

/** Kind of the events that record a step of progress (see isProgressStep); their data is the figures. */
export const PROGRESS_EVENT = "PROGRESS";

type RowCounts = Pick<StagingRequest, "filesDone" | "filesTotal" | "bytesDone" | "bytesTotal">;

/** The event that records a step of progress from `before` to `after`; null when the move is not one. */
export function progressEvent(requestId: string, before: RowCounts, after: RowCounts) {
  if (!isProgressStep(countsOf(before), countsOf(after))) return null;
  return {
    requestId,
    kind: PROGRESS_EVENT,
    message: null,
    data: { filesDone: after.filesDone, bytesDone: Number(after.bytesDone) },
  };
}

const countsOf = (row: RowCounts): ProgressCounts => ({
  filesDone: row.filesDone,
  filesTotal: row.filesTotal,
  bytesDone: Number(row.bytesDone),
  bytesTotal: bytes(row.bytesTotal),
});

export function toProgressPoint(event: Pick<StagingEvent, "at" | "data">): StagingProgressPoint | null {
  const data = event.data as { filesDone?: unknown; bytesDone?: unknown } | null;
  if (typeof data?.filesDone !== "number" || typeof data.bytesDone !== "number") return null;
  return { at: event.at.toISOString(), filesDone: data.filesDone, bytesDone: data.bytesDone };
}
