import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import {
  getDidsMetaBulk,
  listFilesBulk,
  searchDidNames,
  serviceCaller,
  type DidMeta,
  type MetaPlugin,
  type RucioCaller,
} from "@/server/rucio";
import { loadTableFor } from "./bulk-load";
import { bulkPublisher } from "./bulk-run";
import { claimScope, completeRun, failRun, LEASE_TTL_MS, recordBatch, renewLease, startRun } from "./checkpoints";
import { addFileToSize, needsCountedSize, toDidRow, type CollectionSize, type DidRow } from "./did-row";
import { didStoreFor, type ScopeKey } from "./did-store";
import { forEachConcurrently, inBatches, serialized } from "./pipeline";
import { etaSeconds, expectedTotal, RateMeter, type ScopeProgress } from "./progress";
import type { RunCursor } from "./run-plan";

export interface IndexerSettings {
  /** DIDs per metadata request and per write transaction; Rucio's bulk endpoints take at most 1000. */
  batchSize: number;
  /** Metadata requests in flight at once. */
  concurrency: number;
  /** Listed batches queued ahead of the metadata reads. */
  readAheadBatches: number;
  /** Count files and bytes of open collections (Rucio keeps no counters for them) with POST /dids/bulkfiles. */
  countOpenCollections: boolean;
  /** DID_COLUMN reads the DID table's columns; ALL adds free-form JSON metadata (PostgreSQL Rucio), slower. */
  metaPlugin: MetaPlugin;
  /** A run is a full sweep when the last one is older than this. */
  fullSweepEveryMs: number;
  /** An incremental run lists DIDs created since this long before the newest `created_at` seen. */
  createdAfterOverlapMs: number;
  /** A scope's first index (a full sweep, no row of it in the catalog) takes the bulk path (bulk-load.ts). */
  bulkFirstIndex: boolean;
  /** Bulk path: DIDs moved into the catalog per transaction. */
  publishChunkDids: number;
}

export interface ScopeRunContext {
  database: DatabaseConnection;
  owner: string;
  settings: IndexerSettings;
  signal?: AbortSignal;
  onProgress?: (progress: ScopeProgress) => void;
}

const newest = (rows: DidRow[], pick: (row: DidRow) => string | null) =>
  rows.reduce<string | null>((max, row) => {
    const value = pick(row);
    return value !== null && (max === null || value > max) ? value : max;
  }, null);

/** Files and bytes of open collections, summed from one bulk file listing per batch. */
async function countOpenCollections(
  caller: RucioCaller,
  scope: string,
  metas: DidMeta[],
): Promise<Map<string, CollectionSize>> {
  const open = metas.filter(needsCountedSize);
  const sizes = new Map<string, CollectionSize>();
  if (open.length === 0) return sizes;
  for await (const file of listFilesBulk(
    caller,
    open.map(({ name }) => ({ scope, name })),
  )) {
    if (file.parent_scope === scope) addFileToSize(sizes, file.parent_name, file);
  }
  for (const { name } of open) if (!sizes.has(name)) sizes.set(name, { files: 0, bytes: 0, events: null });
  return sizes;
}

export async function readRows(
  caller: RucioCaller,
  scope: string,
  names: string[],
  settings: IndexerSettings,
): Promise<DidRow[]> {
  const metas: DidMeta[] = [];
  for await (const meta of getDidsMetaBulk(
    caller,
    names.map((name) => ({ scope, name })),
    { plugin: settings.metaPlugin },
  )) {
    metas.push(meta);
  }
  const sizes = settings.countOpenCollections
    ? await countOpenCollections(caller, scope, metas)
    : new Map<string, CollectionSize>();
  return metas.map((meta) => toDidRow(meta, sizes.get(meta.name)));
}

/**
 * Indexes one scope: takes its lease, plans the run from its checkpoint (resume, incremental or full
 * sweep), streams the collection names from Rucio, reads their metadata in bulk with a few requests in
 * flight, and commits each batch together with the checkpoint's progress. A full sweep ends by deleting
 * the rows Rucio no longer lists. Failures are recorded on the checkpoint and returned, not thrown.
 */
export async function indexScope(
  context: ScopeRunContext,
  key: ScopeKey,
  options: { full: boolean },
): Promise<ScopeProgress> {
  const { database, owner, settings } = context;
  const db = database.client;
  const started = Date.now();
  const claim = await claimScope(db, key, owner);
  if (!claim.claimed) {
    const until = claim.until ? ` until ${claim.until.toISOString()}` : "";
    const skipped: ScopeProgress = {
      ...key,
      mode: "incremental",
      attempt: 1,
      phase: "skipped",
      done: 0,
      resumedAt: 0,
      written: 0,
      deleted: 0,
      total: null,
      totalExact: false,
      ratePerSecond: 0,
      etaSeconds: null,
      elapsedMs: 0,
      message: `being indexed by ${claim.heldBy}${until}`,
    };
    context.onProgress?.(skipped);
    return skipped;
  }

  const firstIndex = settings.bulkFirstIndex && !(await db.did.findFirst({ where: key, select: { id: true } }));
  let cursor: RunCursor = await startRun(db, key, owner, claim.checkpoint, {
    full: options.full,
    fullSweepEveryMs: settings.fullSweepEveryMs,
    createdAfterOverlapMs: settings.createdAfterOverlapMs,
    firstIndex,
    now: new Date(),
  });
  const seenAt = new Date(cursor.runStartedAt);
  const store = didStoreFor(database.provider);
  const loads = loadTableFor(database.provider, store);
  const estimate = cursor.mode === "full" ? await db.did.count({ where: key }) : null;
  const controller = new AbortController();
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onStop = () => abort(context.signal?.reason ?? new Error("indexing stopped"));
  context.signal?.addEventListener("abort", onStop, { once: true });
  const caller = serviceCaller(key.instance, controller.signal);
  const writes = serialized();
  const meter = new RateMeter();

  const resumed = cursor.attempt > 1;
  const resumedAt = resumed ? claim.checkpoint.didsSeen : 0;
  let done = resumedAt;
  let written = resumed ? claim.checkpoint.didsWritten : 0;
  let deleted = 0;
  let listed = 0;
  let listingComplete = false;
  let listingDone = false; // every listed batch is committed
  const report = (phase: ScopeProgress["phase"], message?: string): ScopeProgress => {
    const { total, exact } = expectedTotal(
      Math.max(listed, cursor.listed),
      listingComplete,
      estimate === null ? null : Math.max(estimate, done),
    );
    const rate = meter.perSecond();
    const progress: ScopeProgress = {
      ...key,
      mode: cursor.mode,
      bulk: cursor.bulk,
      attempt: cursor.attempt,
      phase,
      done,
      resumedAt,
      written,
      deleted,
      total,
      totalExact: exact,
      ratePerSecond: rate,
      etaSeconds: etaSeconds(done, total, rate),
      elapsedMs: Date.now() - started,
      message,
    };
    context.onProgress?.(progress);
    return progress;
  };
  meter.record(done);
  report("indexing");

  const keepLease = setInterval(() => {
    writes(() => renewLease(db, key, owner)).catch(abort);
  }, LEASE_TTL_MS / 3);
  keepLease.unref?.();
  const publisher = bulkPublisher({
    db,
    loads,
    key,
    owner,
    seenAt,
    chunkDids: settings.publishChunkDids,
    signal: controller.signal,
    onChunk: (count) => {
      written += count;
      report(listingDone ? "publishing" : "indexing");
    },
    onFailure: abort,
  });
  try {
    // A new run drops what an abandoned one left loaded; a resumed bulk run first publishes what its
    // interrupted attempts loaded, so that the names they committed are found in the catalog below.
    if (cursor.attempt === 1) await writes(() => loads.clear(db, key));
    else if (cursor.bulk) await publisher.publishAll();
    const filters = cursor.createdAfter ? [{ "created_at.gte": new Date(cursor.createdAfter) }] : undefined;
    const listing = inBatches(searchDidNames(caller, key.scope, { type: "collection", filters }), settings.batchSize);
    await forEachConcurrently(
      listing,
      {
        concurrency: settings.concurrency,
        readAhead: settings.readAheadBatches,
        onRead: (names) => (listed += names.length),
        onSourceEnd: () => (listingComplete = true),
        onFailure: abort,
      },
      async (names) => {
        // A resumed run skips what its interrupted attempts already committed (marked seen at the run's start).
        const committed = resumed ? await store.seenSince(db, key, names, seenAt) : new Set<string>();
        const todo = committed.size ? names.filter((name) => !committed.has(name)) : names;
        if (todo.length === 0) return;
        const rows = await readRows(caller, key.scope, todo, settings);
        await writes(() =>
          db.$transaction(
            async (tx) => {
              await loads.tuneTransaction(tx);
              // The bulk path loads the batch; it is published (and counted as written) later, in a chunk.
              const count = cursor.bulk
                ? (await loads.load(tx, key, rows, new Date()), 0)
                : await store.writeBatch(tx, key, rows, seenAt);
              cursor = await recordBatch(tx, key, owner, cursor, {
                seen: todo.length,
                written: count,
                listed,
                listingComplete,
                maxCreatedAt: newest(rows, (row) => row.rucioCreatedAt),
                maxUpdatedAt: newest(rows, (row) => row.rucioUpdatedAt),
              });
              written += count;
            },
            { maxWait: 60_000, timeout: 120_000 },
          ),
        );
        done += todo.length;
        meter.record(done);
        report("indexing");
        if (cursor.bulk) publisher.loaded(rows.length);
      },
    );
    listingDone = true;
    if (cursor.bulk) {
      report("publishing");
      await publisher.publishAll();
    }
    if (cursor.mode === "full") {
      report("sweeping");
      deleted = await writes(() =>
        db.$transaction(async (tx) => {
          await renewLease(tx, key, owner);
          return store.deleteUnseen(tx, key, seenAt);
        }),
      );
    }
    await writes(() => completeRun(db, key, owner, { ...cursor, listed, listingComplete: true }));
    return report("done");
  } catch (error) {
    abort(error);
    await publisher.settled();
    // The first failure aborted the rest (a background publish's included): record it rather than an abort.
    const first: unknown = controller.signal.reason ?? error;
    const reason = context.signal?.aborted ? new Error("interrupted", { cause: first }) : first;
    await failRun(db, key, owner, reason).catch(() => undefined);
    return report("failed", reason instanceof Error ? reason.message : String(reason));
  } finally {
    clearInterval(keepLease);
    context.signal?.removeEventListener("abort", onStop);
  }
}
