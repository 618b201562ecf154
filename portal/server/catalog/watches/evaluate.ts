import "server-only";
import { parseQuery, type Query } from "@/lib/catalog/query";
import type { DatabaseConnection } from "@/server/db/client";
import { databaseTimestamp } from "../indexer/did-row";
import { prepareDid } from "./matcher";
import { QueryIndex } from "./query-index";
import { SEARCHABLE_SELECT, searchableBefore } from "./searchable-did";

export interface WatchEvaluation {
  /** Change-log entries read. */
  changes: number;
  watches: number;
  /** Matches recorded by this evaluation, per watch id. */
  newMatches: Map<string, number>;
  elapsedMs: number;
}

interface WatchCursor {
  id: string;
  evaluatedThrough: number;
}

const BATCH = 5_000;

/**
 * Records, for every watched search, the DIDs that newly match it: DIDs the indexer added or changed
 * (the DidChange log, written by the database) that match now and did not before the change. Each change
 * is read once and tested in memory against the watches that can match it (query-index.ts), so the cost
 * follows what indexing changed, never the catalog's size. Idempotent and resumable: matches are inserted once, each watch's cursor moves after
 * its batch is stored, and the log is pruned behind the slowest cursor.
 */
export async function evaluateWatches(database: DatabaseConnection, now = new Date()): Promise<WatchEvaluation> {
  const started = Date.now();
  const client = database.client;
  const watches: WatchCursor[] = [];
  const index = new QueryIndex<WatchCursor>();
  for (const saved of await client.watch.findMany({ select: { id: true, query: true, evaluatedThrough: true } })) {
    const query = parseSaved(saved.query);
    if (!query) continue; // saved before a change of the query language; the watch page shows the syntax error
    const watch = { id: saved.id, evaluatedThrough: saved.evaluatedThrough };
    watches.push(watch);
    index.add(query, watch);
  }
  const result: WatchEvaluation = { changes: 0, watches: watches.length, newMatches: new Map(), elapsedMs: 0 };
  const seen = new Set<string>(); // a DID changed twice in one evaluation is one match
  let cursor = Math.min(...watches.map((watch) => watch.evaluatedThrough));
  // Without watches there is nothing to read (and no cursor: PostgreSQL refuses Infinity as an id).
  while (watches.length > 0) {
    const changes = await client.didChange.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (changes.length === 0) break;
    const dids = await client.did.findMany({
      where: { id: { in: [...new Set(changes.map((change) => change.didId))] } },
      select: SEARCHABLE_SELECT,
    });
    const byId = new Map(dids.map((did) => [did.id, did]));
    const matches: [string, number][] = [];
    for (const change of changes) {
      const current = byId.get(change.didId);
      if (!current) continue; // deleted since
      const now = prepareDid(current);
      const before = change.previous
        ? new Set(index.matching(prepareDid(searchableBefore(change.previous as Record<string, unknown>, current))))
        : null;
      for (const watch of index.matching(now)) {
        if (change.id <= watch.evaluatedThrough || before?.has(watch)) continue;
        const key = `${watch.id}\u0000${current.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matches.push([watch.id, current.id]);
      }
    }
    const last = changes.at(-1)!.id;
    await recordMatches(database, matches, now);
    await client.watch.updateMany({
      where: { id: { in: watches.map((watch) => watch.id) }, evaluatedThrough: { lt: last } },
      data: { evaluatedThrough: last },
    });
    for (const watch of watches) watch.evaluatedThrough = Math.max(watch.evaluatedThrough, last);
    for (const [watchId] of matches) result.newMatches.set(watchId, (result.newMatches.get(watchId) ?? 0) + 1);
    result.changes += changes.length;
    cursor = last;
  }
  await pruneChangeLog(database);
  result.elapsedMs = Date.now() - started;
  return result;
}

function parseSaved(query: string): Query | null {
  try {
    return parseQuery(query);
  } catch {
    return null;
  }
}

async function recordMatches(database: DatabaseConnection, matches: [string, number][], now: Date): Promise<void> {
  if (matches.length === 0) return;
  const rows = JSON.stringify(matches);
  if (database.provider === "sqlite") {
    await database.client.$executeRawUnsafe(
      `INSERT INTO "WatchMatch" ("watchId", "didId", "matchedAt") ` +
        `SELECT r.value ->> '$[0]', r.value ->> '$[1]', ? FROM json_each(?) AS r WHERE true ON CONFLICT DO NOTHING`,
      databaseTimestamp(now),
      rows,
    );
    return;
  }
  await database.client.$executeRawUnsafe(
    `INSERT INTO "WatchMatch" ("watchId", "didId", "matchedAt") ` +
      `SELECT r ->> 0, (r ->> 1)::integer, $1::timestamp(3) FROM jsonb_array_elements($2::jsonb) AS r ON CONFLICT DO NOTHING`,
    databaseTimestamp(now),
    rows,
  );
}

/** Entries every watch has read are not needed again; with no watch at all, none are. */
async function pruneChangeLog(database: DatabaseConnection): Promise<void> {
  const slowest = await database.client.watch.aggregate({ _min: { evaluatedThrough: true } });
  const through = slowest._min.evaluatedThrough;
  await database.client.didChange.deleteMany(through === null ? undefined : { where: { id: { lte: through } } });
}

/** Where a new watch starts: the end of the log, so it reports what changes after it was saved. */
export async function changeLogEnd(database: DatabaseConnection): Promise<number> {
  const last = await database.client.didChange.aggregate({ _max: { id: true } });
  return last._max.id ?? 0;
}
