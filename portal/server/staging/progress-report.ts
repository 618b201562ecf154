import "server-only";
import type { StagingState } from "@/lib/db/values";
import { canTransition } from "./states";

/**
 * Checks a download executor's progress report against the request as it stands. Pure (no I/O), so
 * that the rules are unit-tested on their own: progress only moves forward, never past the totals,
 * totals are the executor's (it knows what it downloads; until it reports them they are Rucio's) and
 * do not change once progress was made, OK means everything arrived, FAILED says why. A request that
 * is finished or cancelled takes no more reports (410: the executor stops reporting). Totals may
 * still change while nothing has been downloaded: an executor reports "started" before it has
 * listed the files.
 */
export interface ProgressSnapshot {
  state: StagingState;
  filesDone: number;
  filesTotal: number | null;
  bytesDone: bigint;
  bytesTotal: bigint | null;
}

export interface ProgressReport {
  state?: "QUEUED" | "DOWNLOADING" | "OK" | "FAILED" | "CANCELLED";
  filesDone: number;
  bytesDone: bigint;
  filesTotal?: number;
  bytesTotal?: bigint;
  error?: string;
}

export type ProgressVerdict =
  | { accepted: true; next: ProgressSnapshot & { error: string | null } }
  | { accepted: false; status: 409 | 410 | 422; message: string };

const refuse = (status: 409 | 410 | 422, message: string): ProgressVerdict => ({ accepted: false, status, message });

function settledTotal<T extends number | bigint>(
  current: T | null,
  reported: T | undefined,
  label: string,
  unsettled: boolean,
): T | null | string {
  if (reported === undefined) return current;
  if (!unsettled && current !== null && reported !== current)
    return `${label} is ${current} for this request and cannot change to ${reported}`;
  return reported;
}

export function judgeProgressReport(current: ProgressSnapshot, report: ProgressReport): ProgressVerdict {
  if (current.state === "CANCELLED") return refuse(410, "This staging request was cancelled: stop the download");
  if (current.state === "OK" || current.state === "FAILED")
    return refuse(410, `This staging request is already ${current.state}`);
  const nothingDone = current.filesDone === 0 && current.bytesDone === 0n;
  const filesTotal = settledTotal(current.filesTotal, report.filesTotal, "filesTotal", nothingDone);
  if (typeof filesTotal === "string") return refuse(422, filesTotal);
  const bytesTotal = settledTotal(current.bytesTotal, report.bytesTotal, "bytesTotal", nothingDone);
  if (typeof bytesTotal === "string") return refuse(422, bytesTotal);
  if (report.filesDone < current.filesDone || report.bytesDone < current.bytesDone) {
    return refuse(
      422,
      `Progress only moves forward: already ${current.filesDone} files and ${current.bytesDone} bytes`,
    );
  }
  if (filesTotal !== null && report.filesDone > filesTotal)
    return refuse(422, `filesDone ${report.filesDone} exceeds filesTotal ${filesTotal}`);
  if (bytesTotal !== null && report.bytesDone > bytesTotal)
    return refuse(422, `bytesDone ${report.bytesDone} exceeds bytesTotal ${bytesTotal}`);
  const state = report.state ?? "DOWNLOADING";
  if (state !== current.state && !canTransition(current.state, state)) {
    return refuse(409, `A ${current.state} request cannot become ${state}`);
  }
  if (state === "QUEUED" && (report.filesDone > 0 || report.bytesDone > 0n))
    return refuse(422, "pending means nothing was downloaded yet");
  if (
    state === "OK" &&
    (filesTotal === null || bytesTotal === null || report.filesDone !== filesTotal || report.bytesDone !== bytesTotal)
  ) {
    return refuse(422, "OK needs every file and byte done (filesDone = filesTotal, bytesDone = bytesTotal)");
  }
  if (state === "FAILED" && !report.error?.trim()) return refuse(422, "FAILED needs an error message");
  return {
    accepted: true,
    next: {
      state,
      filesDone: report.filesDone,
      filesTotal,
      bytesDone: report.bytesDone,
      bytesTotal,
      error: state === "FAILED" ? report.error!.trim() : null,
    },
  };
}
