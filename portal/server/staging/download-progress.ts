import "server-only";
import { db, type StagingRequest } from "@/server/db/client";
import type { StagingState } from "@/lib/db/values";
import { stagingConfig, type StagingConfig } from "./config";
import { StagingError } from "./errors";
import { hashProgressToken, isProgressTokenExpired, progressTokenFromHeader } from "./progress-token";
import { judgeProgressReport, type ProgressReport } from "./progress-report";
import type { StagingView } from "@/lib/api-responses";
import { progressEvent, toStagingView } from "./views";

const DOWNLOAD_EVENTS: Partial<Record<StagingState, string>> = {
  DOWNLOADING: "Download running in the Jupyter session",
  OK: "Download complete",
  CANCELLED: "Download cancelled in the Jupyter session",
};

/**
 * PATCH /api/stagings/{id}/progress: the download executor (the user's Jupyter server) reports how far
 * it got. Only the token issued for this very request is accepted: no token, an unknown or expired one
 * → 401; a request that does not exist → 404; a token of another request → 403.
 */
export async function authorizeProgressReport(id: string, authorization: string | null): Promise<StagingRequest> {
  const token = progressTokenFromHeader(authorization);
  if (!token) throw new StagingError(401, "Send the request's progress token as `Authorization: Bearer <token>`");
  const holder = await db.stagingRequest.findUnique({ where: { progressTokenHash: hashProgressToken(token) } });
  if (!holder) throw new StagingError(401, "Unknown progress token");
  if (isProgressTokenExpired(holder.progressTokenExpiresAt))
    throw new StagingError(401, "The progress token has expired");
  if (holder.id !== id) {
    const exists = (await db.stagingRequest.count({ where: { id } })) > 0;
    throw exists
      ? new StagingError(403, "This progress token belongs to another staging request")
      : new StagingError(404, `No staging request ${id}`);
  }
  return holder;
}

/** Records a report the token holder sent (see authorizeProgressReport), if it is consistent with what is known. */
export async function applyProgressReport(
  holder: StagingRequest,
  report: ProgressReport,
  config: StagingConfig = stagingConfig(),
): Promise<StagingView> {
  const id = holder.id;
  const current = { ...holder, state: holder.state as StagingState };
  const verdict = judgeProgressReport(current, report);
  if (!verdict.accepted) throw new StagingError(verdict.status, verdict.message);
  const { next } = verdict;
  const now = new Date();
  const finished = next.state === "OK" || next.state === "FAILED" || next.state === "CANCELLED";
  // Compare-and-set on what was judged, so two reports racing cannot move progress backwards.
  const updated = await db.stagingRequest.updateMany({
    where: { id, state: holder.state, filesDone: holder.filesDone, bytesDone: holder.bytesDone },
    data: {
      state: next.state,
      filesDone: next.filesDone,
      filesTotal: next.filesTotal,
      bytesDone: next.bytesDone,
      bytesTotal: next.bytesTotal,
      error: next.error,
      startedAt: holder.startedAt ?? now,
      finishedAt: finished ? now : null,
      progressTokenExpiresAt: new Date(now.getTime() + config.progressTokenTtlSeconds * 1000),
    },
  });
  if (updated.count === 0)
    throw new StagingError(
      409,
      "Another report changed this request at the same moment; send the latest progress again",
    );
  const step = progressEvent(id, holder, next);
  if (step) await db.stagingEvent.create({ data: step });
  if (next.state !== holder.state) {
    await db.stagingEvent.create({
      data: {
        requestId: id,
        kind: next.state === "FAILED" ? "ERROR" : "STATE",
        message: next.error ?? DOWNLOAD_EVENTS[next.state] ?? next.state,
      },
    });
  }
  return toStagingView(await db.stagingRequest.findUniqueOrThrow({ where: { id } }));
}
