import { describe, expect, it } from "vitest";
import {
  advanceCursor,
  completedMarks,
  CREATED_AFTER_OVERLAP_MS,
  parseCursor,
  planRun,
  type CheckpointState,
} from "./run-plan";

const now = new Date("2026-11-25T12:00:00.000Z");
const DAY = 86_400_000;
const options = { full: false, fullSweepEveryMs: DAY, createdAfterOverlapMs: CREATED_AFTER_OVERLAP_MS, now };
const never: CheckpointState = { cursor: null, didsSeen: 0, lastFullSweepAt: null, lastRucioCreatedAt: null };
const sweptAnHourAgo: CheckpointState = {
  cursor: null,
  didsSeen: 120,
  lastFullSweepAt: new Date(now.getTime() - 3_600_000),
  lastRucioCreatedAt: new Date("2026-11-25T11:30:00.000Z"),
};

describe("planRun", () => {
  it("starts with a full sweep when the scope was never swept", () => {
    expect(planRun(never, options)).toMatchObject({
      mode: "full",
      createdAfter: null,
      attempt: 1,
      runStartedAt: now.toISOString(),
    });
  });

  it("then lists only DIDs created since the newest one seen, less the overlap", () => {
    const plan = planRun(sweptAnHourAgo, options);
    expect(plan.mode).toBe("incremental");
    expect(Date.parse(plan.createdAfter ?? "")).toBe(
      sweptAnHourAgo.lastRucioCreatedAt!.getTime() - CREATED_AFTER_OVERLAP_MS,
    );
  });

  it("sweeps again when the last sweep is older than the interval, or when asked to", () => {
    const old = { ...sweptAnHourAgo, lastFullSweepAt: new Date(now.getTime() - DAY) };
    expect(planRun(old, options).mode).toBe("full");
    expect(planRun(sweptAnHourAgo, { ...options, full: true }).mode).toBe("full");
  });

  it("takes the bulk path only for a new full sweep of a scope the catalog has no row of, and keeps it on resume", () => {
    expect(planRun(never, { ...options, firstIndex: true }).bulk).toBe(true);
    expect(planRun(never, options).bulk).toBe(false);
    expect(planRun(sweptAnHourAgo, { ...options, firstIndex: true }).bulk).toBe(false);
    expect(planRun(sweptAnHourAgo, { ...options, full: true, firstIndex: true }).bulk).toBe(true);
    const bulk = JSON.stringify(planRun(never, { ...options, firstIndex: true }));
    expect(planRun({ ...never, cursor: bulk, didsSeen: 10 }, { ...options, firstIndex: false })).toMatchObject({
      bulk: true,
      attempt: 2,
    });
    // A cursor written before the bulk path existed resumes as a normal run.
    const { bulk: _bulk, ...older } = JSON.parse(bulk) as Record<string, unknown>;
    expect(parseCursor(JSON.stringify(older))?.bulk).toBe(false);
  });

  it("resumes an interrupted run with its own start (the seen-mark), bound and newest dates", () => {
    const first = advanceCursor(planRun(never, { ...options, now: new Date(now.getTime() - 60_000) }), {
      listed: 3000,
      listingComplete: false,
      maxCreatedAt: "2026-11-25T11:00:00.000+00:00",
      maxUpdatedAt: null,
    });
    const resumed = planRun({ ...never, cursor: JSON.stringify(first), didsSeen: 2000 }, options);
    expect(resumed).toMatchObject({
      mode: "full",
      attempt: 2,
      runStartedAt: first.runStartedAt,
      listed: 3000,
      listingComplete: false,
      seenAtAttemptStart: 2000,
      maxCreatedAt: "2026-11-25T11:00:00.000+00:00",
    });
  });

  it("an asked-for full sweep replaces an interrupted incremental run, but not an interrupted sweep", () => {
    const incremental = planRun(sweptAnHourAgo, options);
    const interrupted = { ...sweptAnHourAgo, cursor: JSON.stringify(incremental) };
    expect(planRun(interrupted, { ...options, full: true })).toMatchObject({ mode: "full", attempt: 1 });
    const sweep = planRun(never, options);
    expect(planRun({ ...never, cursor: JSON.stringify(sweep) }, { ...options, full: true })).toMatchObject({
      mode: "full",
      attempt: 2,
    });
  });

  it("ignores a cursor it cannot read (another version wrote it) and starts afresh", () => {
    expect(parseCursor("{not json")).toBeNull();
    expect(parseCursor(JSON.stringify({ v: 2 }))).toBeNull();
    expect(planRun({ ...never, cursor: "last-name-written" }, options)).toMatchObject({ attempt: 1, mode: "full" });
  });
});

describe("high-water marks", () => {
  it("advanceCursor keeps the largest listing count and the newest dates, whatever the batch order", () => {
    let cursor = planRun(never, options);
    cursor = advanceCursor(cursor, {
      listed: 5000,
      listingComplete: false,
      maxCreatedAt: "2026-11-25T10:00:00.000+00:00",
      maxUpdatedAt: "2026-11-25T10:30:00.000+00:00",
    });
    cursor = advanceCursor(cursor, {
      listed: 4000,
      listingComplete: true,
      maxCreatedAt: "2026-11-25T09:00:00.000+00:00",
      maxUpdatedAt: null,
    });
    expect(cursor).toMatchObject({
      listed: 5000,
      listingComplete: true,
      maxCreatedAt: "2026-11-25T10:00:00.000+00:00",
      maxUpdatedAt: "2026-11-25T10:30:00.000+00:00",
    });
  });

  it("completedMarks never moves a mark backwards (an incremental run may see only old DIDs)", () => {
    const cursor = {
      ...planRun(never, options),
      maxCreatedAt: "2026-11-25T09:00:00.000+00:00",
      maxUpdatedAt: "2026-11-25T11:59:00.000+00:00",
    };
    const marks = completedMarks(
      { lastRucioCreatedAt: new Date("2026-11-25T10:00:00Z"), lastRucioUpdatedAt: null },
      cursor,
    );
    expect(marks.lastRucioCreatedAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(marks.lastRucioUpdatedAt?.toISOString()).toBe("2026-11-25T11:59:00.000Z");
    // A DID created after the run started (Rucio's clock) caps the mark at the run's start.
    const late = { ...planRun(never, options), maxCreatedAt: "2026-11-25T12:05:00.000+00:00" };
    expect(
      completedMarks({ lastRucioCreatedAt: null, lastRucioUpdatedAt: null }, late).lastRucioCreatedAt?.toISOString(),
    ).toBe(now.toISOString());
    expect(completedMarks({ lastRucioCreatedAt: null, lastRucioUpdatedAt: null }, planRun(never, options))).toEqual({
      lastRucioCreatedAt: null,
      lastRucioUpdatedAt: null,
    });
  });
});
