import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db, type StagingRequest } from "@/server/db/client";
import type { StagingState } from "@/lib/db/values";
import { listFiles, serviceCaller } from "@/server/rucio";
import type { TrackerConfig } from "./config";
import { nextPollDelayMs } from "@/lib/staging/progress";
import { findOwnRuleForOrphan, readRuleProgress, type RuleProgress } from "./rule-progress";
import { isUnfinished, UNFINISHED_STATES } from "./states";
import { progressEvent } from "./views";

export interface TrackerOptions extends TrackerConfig {
  /** Name written into the lease column; unique per process unless given. */
  owner?: string;
  /** Requests looked at per pass. */
  batchSize?: number;
  log?: (line: string) => void;
}

/** Pause between passes while requests are still due. */
const BACKLOG_PAUSE_MS = 50;

/** Quiet polls a STUCK rule starts from: Rucio retries stuck rules slowly, no point asking every second. */
const STUCK_QUIET_POLLS = 6;

/**
 * Follows rule-mode requests until Rucio says OK (or the rule is gone), and fails downloads whose
 * executor went silent. State lives in the database only, so a restarted portal resumes every
 * unfinished request; a lease per request (owner + expiry, taken with a conditional UPDATE) keeps
 * several portal processes from polling the same rule at once. Reads Rucio with the portal's service
 * identity, so tracking goes on after the user's own token has expired.
 */
export class StagingTracker {
  readonly owner: string;
  private readonly batchSize: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | undefined;
  private looping = false;
  private stopping = false;
  /** A pass was asked for while one ran: run the next one at once. */
  private wanted = false;
  /** Instances whose event stream is connected: their rules move on messages, polls become the fallback. */
  private readonly eventDriven = new Set<string>();
  /** Polls in a row that found nothing new, per request (resets on restart: polling starts brisk). */
  private readonly quietPolls = new Map<string, number>();
  /** File sizes per request, read once from Rucio (locks carry no sizes). */
  private readonly fileSizes = new Map<string, Map<string, number | null>>();

  constructor(private readonly options: TrackerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.batchSize = options.batchSize ?? 25;
    this.log = options.log ?? ((line) => console.info(`[staging-tracker] ${line}`));
  }

  /** Polls on a timer until stop(). */
  start(): void {
    if (this.looping) return;
    this.looping = true;
    this.stopping = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.looping = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  /** A pass now (a rule's message made requests due), or right after the one running. */
  pollSoon(): void {
    if (!this.looping) return;
    if (this.pass) {
      this.wanted = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  setEventDriven(instance: string, on: boolean): void {
    if (on) this.eventDriven.add(instance);
    else this.eventDriven.delete(instance);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      let backlog = false;
      this.pass = this.tick()
        .then((polled) => (backlog = polled >= this.batchSize))
        .catch((error: unknown) => this.log(`pass failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.pass = undefined;
          // A full pass means more requests are due: go on at once rather than let each wait its turn
          // for (backlog / batch) intervals. Polls stay one at a time, so Rucio's load stays bounded.
          const again = backlog || this.wanted;
          this.wanted = false;
          if (this.looping) this.schedule(again ? BACKLOG_PAUSE_MS : this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass: fails silent downloads, then polls the rules that are due. Returns how many it polled. */
  async tick(): Promise<number> {
    await this.failSilentDownloads();
    const now = new Date();
    const due = await db.stagingRequest.findMany({
      where: {
        mode: "RULE",
        state: { in: [...UNFINISHED_STATES] },
        OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }],
      },
      orderBy: { nextCheckAt: "asc" },
      take: this.batchSize,
      select: { id: true },
    });
    let polled = 0;
    for (const { id } of due) {
      if (this.stopping) break;
      if (!(await this.claim(id, now))) continue;
      const request = await db.stagingRequest.findUnique({ where: { id } });
      if (request && isUnfinished(request.state as StagingState)) {
        await this.track(request);
        polled += 1;
      }
    }
    return polled;
  }

  /** Takes the request's lease if it is free, lapsed or ours, and the request is due. */
  private async claim(id: string, now: Date): Promise<boolean> {
    const { count } = await db.stagingRequest.updateMany({
      where: {
        id,
        state: { in: [...UNFINISHED_STATES] },
        AND: [
          { OR: [{ trackerLeaseOwner: null }, { trackerLeaseOwner: this.owner }, { trackerLeaseUntil: { lt: now } }] },
          { OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] },
        ],
      },
      data: { trackerLeaseOwner: this.owner, trackerLeaseUntil: new Date(now.getTime() + this.options.leaseMs) },
    });
    return count === 1;
  }

  private async sizesOf(request: StagingRequest): Promise<Map<string, number | null>> {
    let sizes = this.fileSizes.get(request.id);
    if (!sizes) {
      sizes = new Map();
      for await (const file of listFiles(serviceCaller(request.instance), request.scope, request.name, {
        long: false,
      })) {
        sizes.set(`${file.scope}:${file.name}`, file.bytes);
      }
      this.fileSizes.set(request.id, sizes);
    }
    return sizes;
  }

  private async track(request: StagingRequest): Promise<void> {
    try {
      let progress: RuleProgress;
      let adopted: string | undefined;
      if (request.ruleId) {
        progress = await readRuleProgress(request, request.ruleId, () => this.sizesOf(request));
      } else {
        adopted = await findOwnRuleForOrphan(request);
        progress = adopted
          ? await readRuleProgress(request, adopted, () => this.sizesOf(request))
          : {
              state: "FAILED",
              ruleId: null,
              filesDone: 0,
              filesTotal: request.filesTotal,
              bytesDone: 0n,
              bytesTotal: request.bytesTotal,
              error:
                "The portal stopped before Rucio confirmed the rule, and Rucio has none for this request: nothing was staged. Stage again.",
            };
      }
      await this.record(request, progress, adopted);
    } catch (error) {
      await this.recordFailure(request, error);
    }
  }

  private async record(request: StagingRequest, progress: RuleProgress, adopted: string | undefined): Promise<void> {
    const changed =
      progress.state !== request.state ||
      progress.filesDone !== request.filesDone ||
      progress.bytesDone !== request.bytesDone;
    const quiet = changed ? 0 : (this.quietPolls.get(request.id) ?? 0) + 1;
    const now = new Date();
    const finished = !isUnfinished(progress.state);
    const { intervalMs, maxIntervalMs, leaseMs } = this.options;
    const polledDelay = nextPollDelayMs(
      progress.state === "STUCK" ? Math.max(quiet, STUCK_QUIET_POLLS) : quiet,
      0,
      intervalMs,
      maxIntervalMs,
    );
    const delay = this.eventDriven.has(request.instance)
      ? Math.max(polledDelay, this.options.eventFallbackMs ?? 0)
      : polledDelay;
    // Conditional on our lease and the state we read: a cancel in between wins.
    const { count } = await db.stagingRequest.updateMany({
      where: { id: request.id, trackerLeaseOwner: this.owner, state: request.state },
      data: {
        state: progress.state,
        ruleId: progress.ruleId ?? request.ruleId,
        filesDone: progress.filesDone,
        filesTotal: progress.filesTotal,
        bytesDone: progress.bytesDone,
        bytesTotal: progress.bytesTotal,
        error: progress.error,
        checkFailures: 0,
        startedAt: request.startedAt ?? now,
        finishedAt: finished ? now : null,
        nextCheckAt: finished ? null : new Date(now.getTime() + delay),
        trackerLeaseOwner: finished ? null : this.owner,
        trackerLeaseUntil: finished ? null : new Date(now.getTime() + leaseMs),
      },
    });
    if (finished) this.forget(request.id);
    else this.quietPolls.set(request.id, quiet);
    if (count === 0) return;
    const events = [];
    if (adopted)
      events.push({
        requestId: request.id,
        kind: "STATE",
        message: `Found rule ${adopted} that Rucio created for this request`,
      });
    if (progress.state !== request.state) {
      const why = progress.error ? `: ${progress.error}` : "";
      const kind = progress.state === "FAILED" || progress.state === "STUCK" ? "ERROR" : "STATE";
      events.push({
        requestId: request.id,
        kind,
        message: `${request.state} → ${progress.state}${why}`,
        data: { ruleState: progress.ruleState ?? null },
      });
    }
    const step = progressEvent(request.id, request, progress);
    if (step) events.push(step);
    if (events.length) await db.stagingEvent.createMany({ data: events });
    if (progress.state !== request.state)
      this.log(`${request.id} (${request.scope}:${request.name}) ${request.state} -> ${progress.state}`);
  }

  private async recordFailure(request: StagingRequest, error: unknown): Promise<void> {
    const failures = request.checkFailures + 1;
    const reason = error instanceof Error ? error.message : String(error);
    const delay = nextPollDelayMs(0, failures, this.options.intervalMs, this.options.maxIntervalMs);
    await db.stagingRequest.updateMany({
      where: { id: request.id, trackerLeaseOwner: this.owner, state: request.state },
      data: { checkFailures: failures, nextCheckAt: new Date(Date.now() + delay) },
    });
    if (failures === 1) {
      await db.stagingEvent.create({
        data: {
          requestId: request.id,
          kind: "ERROR",
          message: `Could not read the rule from Rucio (${reason}); retrying`,
        },
      });
    }
    this.log(`${request.id}: poll ${failures} failed (${reason}); next in ${Math.round(delay / 1000)} s`);
  }

  private forget(id: string): void {
    this.quietPolls.delete(id);
    this.fileSizes.delete(id);
  }

  /** Download requests whose executor stopped reporting until its token expired. */
  private async failSilentDownloads(): Promise<void> {
    const now = new Date();
    const silent = { mode: "DOWNLOAD", state: { in: ["QUEUED", "DOWNLOADING"] }, progressTokenExpiresAt: { lt: now } };
    const rows = await db.stagingRequest.findMany({ where: silent, select: { id: true }, take: 100 });
    const error = "The download stopped reporting progress before its token expired";
    for (const { id } of rows) {
      const { count } = await db.stagingRequest.updateMany({
        where: { id, ...silent },
        data: { state: "FAILED", error, finishedAt: now },
      });
      if (count === 1) await db.stagingEvent.create({ data: { requestId: id, kind: "ERROR", message: error } });
    }
  }
}
