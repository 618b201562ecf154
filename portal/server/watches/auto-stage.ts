import "server-only";
import { actingSignInOf } from "@/server/auth";
import { db, type Watch } from "@/server/db/client";
import { HttpError } from "@/server/http/http-error";
import { createStagingRequest } from "@/server/staging";

export interface AutoStageResult {
  staged: number;
  /** Matches auto-stage did not stage, each with the note the watch and its feed show. */
  skipped: number;
}

/** Why a match was left alone, for the watch page and the feed. */
const NO_SIGN_IN =
  "no live sign-in to act with: sign in to the portal again so that auto-stage can create rules for you";
const overCap = (limit: number) =>
  `more than ${limit} new match(es) in one indexing run, this watch's auto-stage limit: stage it yourself if you need it`;

/**
 * Stages what the last evaluation newly matched, for each watch with auto-stage on: a Rucio rule to the
 * session's RSE, made as the watch's owner with their latest sign-in that can still act, and the same
 * refusals as a click on Stage (quota, Rucio's answer). At most the watch's limit per run; the rest, and
 * what could not be staged, keep a note saying why. Every match is decided once.
 */
export async function autoStageNewMatches(): Promise<AutoStageResult> {
  const result: AutoStageResult = { staged: 0, skipped: 0 };
  const watches = await db.watch.findMany({ where: { autoStageMode: { not: null } } });
  for (const watch of watches) {
    const pending = await db.watchMatch.findMany({
      where: { watchId: watch.id, stagingRequestId: null, autoStageNote: null },
      orderBy: [{ matchedAt: "asc" }, { didId: "asc" }],
      include: { did: { select: { instance: true, scope: true, name: true } } },
    });
    let budget = watch.autoStageLimit;
    for (const match of pending) {
      const note = budget > 0 ? await stageOne(watch, match.did) : overCap(watch.autoStageLimit);
      if (typeof note === "string") {
        await db.watchMatch.update({
          where: { watchId_didId: { watchId: watch.id, didId: match.didId } },
          data: { autoStageNote: note },
        });
        result.skipped++;
        continue;
      }
      await db.watchMatch.update({
        where: { watchId_didId: { watchId: watch.id, didId: match.didId } },
        data: { stagingRequestId: note.stagingId },
      });
      budget--;
      result.staged++;
    }
  }
  return result;
}

/** The new staging request's id, or why there is none. */
async function stageOne(
  watch: Watch,
  did: { instance: string; scope: string; name: string },
): Promise<{ stagingId: string } | string> {
  const signIn = await actingSignInOf(watch.userId, did.instance);
  if (!signIn) return NO_SIGN_IN;
  try {
    const created = await createStagingRequest(signIn, {
      instance: did.instance,
      scope: did.scope,
      name: did.name,
      mode: "RULE",
    });
    await db.stagingRequest.update({ where: { id: created.staging.id }, data: { watchId: watch.id } });
    await db.stagingEvent.create({
      data: {
        requestId: created.staging.id,
        kind: "AUTO_STAGED",
        message: `Auto-staged: a new match of your watched search "${watch.name}"`,
        data: { watchId: watch.id, query: watch.query },
      },
    });
    return { stagingId: created.staging.id };
  } catch (error) {
    if (error instanceof HttpError) return error.message;
    throw error;
  }
}
