import "server-only";
import type { Database } from "@/server/db/client";
import type { StagingMode } from "@/lib/db/values";
import { SESSION_DESTINATION, type FinishedStaging } from "./estimate";

/** The most recent finished stagings a route's estimate reads; older ones describe a portal that has changed. */
const HISTORY_ROWS = 500;

/** What a PLANNED event records about a request (see recordPlan). */
export type PlannedData = {
  sources: string[];
  bytesMissing: number | null;
  estimatedSeconds: number | null;
  estimateConfidence: string | null;
};

function plannedOf(data: unknown): Partial<PlannedData> {
  return data && typeof data === "object" ? (data as Partial<PlannedData>) : {};
}

/** The instance's stagings of this mode that reached OK, newest first, with the time they took. */
export async function readFinishedStagings(
  db: Database,
  instance: string,
  mode: StagingMode,
): Promise<FinishedStaging[]> {
  const rows = await db.stagingRequest.findMany({
    where: { instance, mode, state: "OK", finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    take: HISTORY_ROWS,
    select: {
      destination: true,
      bytesTotal: true,
      createdAt: true,
      finishedAt: true,
      events: { where: { kind: "PLANNED" }, take: 1, select: { data: true } },
    },
  });
  return rows.map((row) => {
    const planned = plannedOf(row.events[0]?.data);
    return {
      mode,
      destination: mode === "RULE" ? row.destination : SESSION_DESTINATION,
      sources: Array.isArray(planned.sources) ? planned.sources : null,
      bytes: typeof planned.bytesMissing === "number" ? planned.bytesMissing : Number(row.bytesTotal ?? 0),
      seconds: Math.max(0, (row.finishedAt!.getTime() - row.createdAt.getTime()) / 1000),
    };
  });
}

/** The user's latest finished download of this DID into this folder, if any. */
export async function findFinishedDownload(
  db: Database,
  where: { userId: string; instance: string; scope: string; name: string; destination: string },
): Promise<{ finishedAt: Date } | null> {
  const row = await db.stagingRequest.findFirst({
    where: { ...where, mode: "DOWNLOAD", state: "OK", finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return row?.finishedAt ? { finishedAt: row.finishedAt } : null;
}
