import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database, IndexCheckpoint } from "@/server/db/client";
import type { ScopeKey } from "./did-store";
import { advanceCursor, completedMarks, planRun, type PlanOptions, type RunCursor } from "./run-plan";

/**
 * The checkpoint row of each (instance, scope) doubles as a lease: a run takes the scope only when no
 * live process holds it, renews the lease with every batch it commits, and a batch whose lease was taken
 * over is rolled back. So several portal replicas (and a CLI run next to them) never index one scope at once.
 */
type Tx = Pick<Database, "indexCheckpoint">;

/** This process's lease owner id: host, pid and a nonce (pids are reused across restarts). */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const LEASE_TTL_MS = 5 * 60_000;

export class LeaseLostError extends Error {
  constructor(key: ScopeKey) {
    super(`Another indexer took over ${key.instance}/${key.scope} after this run's lease lapsed`);
    this.name = "LeaseLostError";
  }
}

const where = ({ instance, scope }: ScopeKey) => ({ instance_scope: { instance, scope } });

/** A lease held by another process of this host whose pid is gone (e.g. a CLI run killed with SIGKILL). */
export function isDeadLocalOwner(owner: string, ownHost = hostname()): boolean {
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== ownHost || !Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export type Claim =
  { claimed: true; checkpoint: IndexCheckpoint } | { claimed: false; heldBy: string; until: Date | null };

/** Takes the scope's lease when it is free, lapsed, ours, or held by a dead process of this host. */
export async function claimScope(db: Database, key: ScopeKey, owner: string, now = new Date()): Promise<Claim> {
  const current = await db.indexCheckpoint.upsert({ where: where(key), create: { ...key }, update: {} });
  const holder = current.leaseOwner;
  const free =
    !holder || holder === owner || !current.leaseExpiresAt || current.leaseExpiresAt <= now || isDeadLocalOwner(holder);
  if (!free) return { claimed: false, heldBy: holder, until: current.leaseExpiresAt };
  // Compare-and-set on the holder seen above: of two processes racing for a free scope, one wins.
  const { count } = await db.indexCheckpoint.updateMany({
    where: { ...key, leaseOwner: holder },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_TTL_MS) },
  });
  if (count === 0) {
    const taken = await db.indexCheckpoint.findUniqueOrThrow({ where: where(key) });
    return { claimed: false, heldBy: taken.leaseOwner ?? "another indexer", until: taken.leaseExpiresAt };
  }
  return { claimed: true, checkpoint: await db.indexCheckpoint.findUniqueOrThrow({ where: where(key) }) };
}

/** Records the start of a run (new or resumed) on a claimed checkpoint. */
export async function startRun(
  db: Database,
  key: ScopeKey,
  owner: string,
  checkpoint: IndexCheckpoint,
  options: PlanOptions,
): Promise<RunCursor> {
  const cursor = planRun(checkpoint, options);
  const fresh = cursor.attempt === 1;
  await ownedUpdate(db, key, owner, {
    state: "RUNNING",
    cursor: JSON.stringify(cursor),
    error: null,
    startedAt: options.now,
    finishedAt: null,
    ...(fresh ? { didsSeen: 0, didsWritten: 0 } : {}),
  });
  return cursor;
}

export interface BatchProgress {
  seen: number;
  written: number;
  listed: number;
  listingComplete: boolean;
  maxCreatedAt: string | null;
  maxUpdatedAt: string | null;
}

/** Adds a committed batch to the checkpoint, inside the batch's transaction, and renews the lease. */
export async function recordBatch(
  tx: Tx,
  key: ScopeKey,
  owner: string,
  cursor: RunCursor,
  batch: BatchProgress,
): Promise<RunCursor> {
  const next = advanceCursor(cursor, batch);
  await ownedUpdate(tx, key, owner, {
    cursor: JSON.stringify(next),
    didsSeen: { increment: batch.seen },
    didsWritten: { increment: batch.written },
  });
  return next;
}

/** Adds the rows a bulk run's publish wrote (inside its transaction) and renews the lease. */
export async function recordPublished(tx: Tx, key: ScopeKey, owner: string, written: number): Promise<void> {
  await ownedUpdate(tx, key, owner, { didsWritten: { increment: written } });
}

/** Keeps the lease while a batch is slow (Rucio retrying): called on a timer between batches. */
export function renewLease(db: Tx, key: ScopeKey, owner: string): Promise<void> {
  return ownedUpdate(db, key, owner, {});
}

export async function completeRun(
  db: Database,
  key: ScopeKey,
  owner: string,
  cursor: RunCursor,
  now = new Date(),
): Promise<void> {
  const previous = await db.indexCheckpoint.findUniqueOrThrow({ where: where(key) });
  await ownedUpdate(db, key, owner, {
    ...completedMarks(previous, cursor),
    state: "DONE",
    cursor: null,
    error: null,
    finishedAt: now,
    ...(cursor.mode === "full" ? { lastFullSweepAt: new Date(cursor.runStartedAt) } : {}),
    leaseOwner: null,
    leaseExpiresAt: null,
  });
}

/** Records why a run stopped; the cursor stays, so the next run resumes where this one got to. */
export async function failRun(
  db: Database,
  key: ScopeKey,
  owner: string,
  error: unknown,
  now = new Date(),
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.indexCheckpoint.updateMany({
    where: { ...key, leaseOwner: owner },
    data: { state: "FAILED", error: message.slice(0, 2000), finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
  });
}

async function ownedUpdate(
  db: Tx,
  key: ScopeKey,
  owner: string,
  data: Parameters<Database["indexCheckpoint"]["updateMany"]>[0]["data"],
) {
  const { count } = await db.indexCheckpoint.updateMany({
    where: { ...key, leaseOwner: owner },
    data: { leaseExpiresAt: new Date(Date.now() + LEASE_TTL_MS), ...data },
  });
  if (count === 0) throw new LeaseLostError(key);
}
