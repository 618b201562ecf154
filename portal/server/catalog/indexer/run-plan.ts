import "server-only";
import { z } from "zod";

/**
 * What one indexing run of one scope does, decided from its checkpoint. Pure, so that the rules
 * (resume, incremental, full sweep) are unit-tested without a database.
 */
export type RunMode = "full" | "incremental";

/** By default new DIDs are listed from this long before the newest `created_at` seen, for clock skew between
 * Rucio servers and DIDs whose creating transaction committed after the previous listing passed by. */
export const CREATED_AFTER_OVERLAP_MS = 10 * 60_000;

const cursorSchema = z.object({
  v: z.literal(1),
  mode: z.enum(["full", "incremental"]),
  /** Start of the run's first attempt: every row the run writes or confirms gets it as `lastSeenAt`. */
  runStartedAt: z.iso.datetime({ offset: true }),
  createdAfter: z.iso.datetime({ offset: true }).nullable(),
  attempt: z.number().int().positive(),
  /**
   * The scope's first index takes the bulk path: batches are loaded into DidLoad and moved into the
   * catalog in large chunks (bulk-run.ts). Absent from cursors of earlier versions: not bulk.
   */
  bulk: z.boolean().default(false),
  /** DIDs the listing returned so far (the largest count over attempts) and whether it reached the end. */
  listed: z.number().int().nonnegative(),
  listingComplete: z.boolean(),
  /** `didsSeen` when this attempt started, so that the rate counts this attempt's work only. */
  seenAtAttemptStart: z.number().int().nonnegative(),
  maxCreatedAt: z.iso.datetime({ offset: true }).nullable(),
  maxUpdatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type RunCursor = z.infer<typeof cursorSchema>;

/** The unfinished run a checkpoint holds, or null (none, or written by an incompatible version). */
export function parseCursor(text: string | null | undefined): RunCursor | null {
  if (!text) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface CheckpointState {
  cursor: string | null;
  didsSeen: number;
  lastFullSweepAt: Date | null;
  lastRucioCreatedAt: Date | null;
}

export interface PlanOptions {
  /** Force a full sweep even when an incremental run would do. */
  full: boolean;
  /** A run is a full sweep when the last completed one is older than this. */
  fullSweepEveryMs: number;
  /** How far before the newest `created_at` seen an incremental run lists from. */
  createdAfterOverlapMs: number;
  /** The catalog holds no row of the scope and the bulk path is enabled: a new full sweep takes it. */
  firstIndex?: boolean;
  now: Date;
}

/**
 * Resume the unfinished run if there is one (unless a full sweep is asked for and the unfinished run is
 * incremental: the full sweep covers it); otherwise start a full sweep when none has completed, the last one
 * is too old or one is asked for, else an incremental run listing the DIDs created since the last run. A
 * new full sweep of a scope the catalog has no row of is a first index, on the bulk path.
 */
export function planRun(checkpoint: CheckpointState, options: PlanOptions): RunCursor {
  const unfinished = parseCursor(checkpoint.cursor);
  if (unfinished && !(options.full && unfinished.mode === "incremental")) {
    return {
      ...unfinished,
      attempt: unfinished.attempt + 1,
      listingComplete: false,
      seenAtAttemptStart: checkpoint.didsSeen,
    };
  }
  const sweepDue =
    options.full ||
    !checkpoint.lastFullSweepAt ||
    !checkpoint.lastRucioCreatedAt ||
    options.now.getTime() - checkpoint.lastFullSweepAt.getTime() >= options.fullSweepEveryMs;
  const createdAfter =
    sweepDue || !checkpoint.lastRucioCreatedAt
      ? null
      : new Date(checkpoint.lastRucioCreatedAt.getTime() - options.createdAfterOverlapMs).toISOString();
  return {
    v: 1,
    mode: sweepDue ? "full" : "incremental",
    runStartedAt: options.now.toISOString(),
    createdAfter,
    attempt: 1,
    bulk: sweepDue && (options.firstIndex ?? false),
    listed: 0,
    listingComplete: false,
    seenAtAttemptStart: 0,
    maxCreatedAt: null,
    maxUpdatedAt: null,
  };
}

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b;

/** The cursor after one more batch: the newest Rucio dates seen so far survive a kill with the batch. */
export function advanceCursor(
  cursor: RunCursor,
  batch: { listed: number; listingComplete: boolean; maxCreatedAt: string | null; maxUpdatedAt: string | null },
): RunCursor {
  return {
    ...cursor,
    listed: Math.max(cursor.listed, batch.listed),
    listingComplete: cursor.listingComplete || batch.listingComplete,
    maxCreatedAt: later(cursor.maxCreatedAt, batch.maxCreatedAt),
    maxUpdatedAt: later(cursor.maxUpdatedAt, batch.maxUpdatedAt),
  };
}

/**
 * The checkpoint's high-water marks after a completed run; they never move backwards. The created-after
 * mark is at most the run's start: a DID created while the run was listing may have been passed by the
 * listing although a newer one was seen, and the next incremental run must still list it.
 */
export function completedMarks(
  previous: { lastRucioCreatedAt: Date | null; lastRucioUpdatedAt: Date | null },
  cursor: RunCursor,
): { lastRucioCreatedAt: Date | null; lastRucioUpdatedAt: Date | null } {
  const pick = (before: Date | null, seen: string | null) => {
    const candidate = later(before?.toISOString() ?? null, seen);
    return candidate === null ? null : new Date(candidate);
  };
  return {
    lastRucioCreatedAt: pick(
      previous.lastRucioCreatedAt,
      cursor.maxCreatedAt === null ? null : earlier(cursor.maxCreatedAt, cursor.runStartedAt),
    ),
    lastRucioUpdatedAt: pick(previous.lastRucioUpdatedAt, cursor.maxUpdatedAt),
  };
}
