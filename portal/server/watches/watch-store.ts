import "server-only";
import { parseQuery } from "@/lib/catalog/query";
import type { SearchSort } from "@/lib/catalog/types";
import type { StagingMode } from "@/lib/db/values";
import type { WatchDetailsResponse, WatchMatchView, WatchSummaryResponse, WatchView } from "@/lib/api-responses";
import { changeLogEnd } from "@/server/catalog/watches";
import { databaseProvider, db, type Watch } from "@/server/db/client";
import { HttpError } from "@/server/http/http-error";

/** Enough for every analysis a person follows; a bound on what one account costs each evaluation. */
export const MAX_WATCHES_PER_USER = 50;
export const MAX_AUTO_STAGE_PER_RUN = 20;
const MATCHES_SHOWN = 200;

export interface WatchInput {
  name: string;
  query: string;
  sort: SearchSort;
  autoStage?: { mode: StagingMode; destination?: string; limitPerRun: number } | null;
}

const NOT_FOUND = "No such watched search among yours";
const MATCHED_BEFORE_AUTO_STAGE = "it matched before auto-stage was turned on";

function toWatchView(watch: Watch, counts: { total: number; fresh: number }): WatchView {
  return {
    id: watch.id,
    name: watch.name,
    query: watch.query,
    sort: watch.sort as SearchSort,
    newCount: counts.fresh,
    totalCount: counts.total,
    autoStage: watch.autoStageMode
      ? {
          mode: watch.autoStageMode as StagingMode,
          destination: watch.autoStageDestination,
          limitPerRun: watch.autoStageLimit,
        }
      : null,
    feedEnabled: watch.feedTokenHash !== null,
    lastViewedAt: watch.lastViewedAt.toISOString(),
    createdAt: watch.createdAt.toISOString(),
  };
}

async function countsOf(watch: Watch) {
  const [total, fresh] = await Promise.all([
    db.watchMatch.count({ where: { watchId: watch.id } }),
    db.watchMatch.count({ where: { watchId: watch.id, matchedAt: { gt: watch.lastViewedAt } } }),
  ]);
  return { total, fresh };
}

/** The user's watch, or a 404 that says nothing of anyone else's. */
export async function ownWatch(userId: string, id: string): Promise<Watch> {
  const watch = await db.watch.findFirst({ where: { id, userId } });
  if (!watch) throw new HttpError(404, NOT_FOUND);
  return watch;
}

function autoStageColumns(autoStage: WatchInput["autoStage"]) {
  if (autoStage === undefined) return {};
  if (autoStage === null) return { autoStageMode: null, autoStageDestination: null };
  return {
    autoStageMode: autoStage.mode,
    autoStageDestination: autoStage.mode === "DOWNLOAD" ? (autoStage.destination ?? null) : null,
    autoStageLimit: Math.min(autoStage.limitPerRun, MAX_AUTO_STAGE_PER_RUN),
  };
}

export async function listWatches(userId: string): Promise<WatchView[]> {
  const watches = await db.watch.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return Promise.all(watches.map(async (watch) => toWatchView(watch, await countsOf(watch))));
}

export async function createWatch(userId: string, input: WatchInput): Promise<WatchView> {
  parseQuery(input.query); // a syntax error answers 400 with its position
  if ((await db.watch.count({ where: { userId } })) >= MAX_WATCHES_PER_USER)
    throw new HttpError(409, `You watch ${MAX_WATCHES_PER_USER} searches already; delete one to watch another`);
  const watch = await db.watch.create({
    data: {
      userId,
      name: input.name,
      query: input.query,
      sort: input.sort,
      evaluatedThrough: await changeLogEnd({ client: db, provider: databaseProvider }),
      ...autoStageColumns(input.autoStage),
    },
  });
  return toWatchView(watch, { total: 0, fresh: 0 });
}

export async function updateWatch(
  userId: string,
  id: string,
  patch: Partial<Pick<WatchInput, "name" | "autoStage">> & { viewed?: boolean },
): Promise<WatchView> {
  const before = await ownWatch(userId, id);
  // Auto-stage is for what matches from now on: matches found while it was off are decided here, so the
  // next indexing run does not stage them.
  if (patch.autoStage && before.autoStageMode === null)
    await db.watchMatch.updateMany({
      where: { watchId: id, stagingRequestId: null, autoStageNote: null },
      data: { autoStageNote: MATCHED_BEFORE_AUTO_STAGE },
    });
  const watch = await db.watch.update({
    where: { id },
    data: {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...autoStageColumns(patch.autoStage),
      ...(patch.viewed ? { lastViewedAt: new Date() } : {}),
    },
  });
  return toWatchView(watch, await countsOf(watch));
}

export async function deleteWatch(userId: string, id: string): Promise<void> {
  await ownWatch(userId, id);
  await db.watch.delete({ where: { id } });
}

/** The watch and its matches, newest first; new ones are those after the owner last looked. */
export async function getWatch(userId: string, id: string): Promise<WatchDetailsResponse> {
  const watch = await ownWatch(userId, id);
  return { watch: toWatchView(watch, await countsOf(watch)), matches: await matchesOf(watch, MATCHES_SHOWN) };
}

export async function matchesOf(watch: Watch, take: number): Promise<WatchMatchView[]> {
  const matches = await db.watchMatch.findMany({
    where: { watchId: watch.id },
    orderBy: [{ matchedAt: "desc" }, { didId: "desc" }],
    take,
    include: { did: true },
  });
  return matches.map((match) => ({
    instance: match.did.instance,
    scope: match.did.scope,
    name: match.did.name,
    type: match.did.didType as WatchMatchView["type"],
    bytes: match.did.bytes === null ? null : Number(match.did.bytes),
    matchedAt: match.matchedAt.toISOString(),
    isNew: match.matchedAt > watch.lastViewedAt,
    stagingId: match.stagingRequestId,
    autoStageNote: match.autoStageNote,
  }));
}

export async function watchSummary(userId: string): Promise<WatchSummaryResponse> {
  const watches = await db.watch.findMany({ where: { userId }, select: { id: true, lastViewedAt: true } });
  const fresh = await Promise.all(
    watches.map((watch) =>
      db.watchMatch.count({ where: { watchId: watch.id, matchedAt: { gt: watch.lastViewedAt } } }),
    ),
  );
  return { newCount: fresh.reduce((sum, n) => sum + n, 0), watches: watches.length };
}
