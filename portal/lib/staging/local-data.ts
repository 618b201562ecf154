import type { FolderCheck } from "@rucio-catalog/protocol";
import type { StagingPlan } from "@/lib/api-responses";

// Whether the session can read a dataset already, and so what the panel offers: Insert at once, and
// Stage only for what is missing. Pure, shared by the panel and the tests.

/** Download mode: what the Jupyter server found in its download folder (the `local-data` message). */
export type { FolderCheck };

interface Amount {
  files: number | null;
  bytes: number | null;
}

export type LocalData =
  | { kind: "complete"; how: "replica" | "download"; where: string; there: Amount }
  | { kind: "partial"; how: "replica" | "download"; where: string; there: Amount; missing: Amount; atLeast: boolean }
  | { kind: "missing"; how: "replica" | "download"; where: string; missing: Amount }
  | { kind: "unknown"; reason: string };

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, a - b));

function fromReplicas(plan: StagingPlan): LocalData {
  const where = plan.atDestination?.rse ?? plan.destination;
  if (plan.available?.how === "replica")
    return {
      kind: "complete",
      how: "replica",
      where: plan.available.where,
      there: { files: plan.files, bytes: plan.bytes },
    };
  const whole = { files: plan.files, bytes: plan.bytes };
  if (!plan.atDestination || plan.atDestination.files === 0)
    return { kind: "missing", how: "replica", where, missing: whole };
  const there = { files: plan.atDestination.files, bytes: plan.atDestination.bytes };
  const missing = { files: plan.replicasExact ? minus(plan.files, there.files) : null, bytes: plan.bytesMissing };
  return { kind: "partial", how: "replica", where, there, missing, atLeast: !plan.replicasExact };
}

function fromFolder(check: FolderCheck): LocalData {
  const where = check.folder;
  if (check.state === "error") return { kind: "unknown", reason: check.detail ?? "the Jupyter server could not look" };
  const there = { files: check.filesPresent, bytes: check.bytesPresent };
  const missing = { files: check.filesTotal - check.filesPresent, bytes: check.bytesTotal - check.bytesPresent };
  if (check.filesTotal > 0 && check.filesPresent === check.filesTotal)
    return { kind: "complete", how: "download", where, there };
  if (check.filesPresent === 0) return { kind: "missing", how: "download", where, missing };
  return { kind: "partial", how: "download", where, there, missing, atLeast: false };
}

/**
 * Rule mode reads Rucio's replicas on the RSE the session mounts (the plan); download mode reads the
 * Jupyter server's look at its folder, which the portal cannot see (without it: unknown).
 */
export function localDataOf(plan: StagingPlan | undefined, folder: FolderCheck | null): LocalData {
  if (!plan) return { kind: "unknown", reason: "asking Rucio where the data is" };
  if (plan.mode === "RULE") return fromReplicas(plan);
  if (folder) return fromFolder(folder);
  return { kind: "unknown", reason: "the Jupyter server has not said what its download folder holds" };
}

type Format = (value: number | null) => string;

function amount({ files, bytes }: Amount, formatCount: Format, formatBytes: Format, atLeast = false): string {
  const count =
    files === null ? "some files" : `${atLeast ? "at least " : ""}${formatCount(files)} file${files === 1 ? "" : "s"}`;
  return bytes === null ? count : `${count}, ${formatBytes(bytes)}`;
}

/** What the panel says beside Insert into notebook; null while nothing is known yet. */
export function localDataSentence(data: LocalData, formatCount: Format, formatBytes: Format): string | null {
  const say = (value: Amount, atLeast = false) => amount(value, formatCount, formatBytes, atLeast);
  if (data.kind === "unknown") return null;
  const place = data.how === "replica" ? `on ${data.where}` : `downloaded into ${data.where}`;
  if (data.kind === "complete")
    return `Already ${place}: ${say(data.there)}. Insert into notebook gives their local paths now; no staging needed.`;
  if (data.kind === "missing") return null;
  const rest = say(data.missing);
  if (data.how === "replica")
    return (
      `Partly ${place} already: ${say(data.there, data.atLeast)}; missing: ${rest}. Stage makes a rule on the ` +
      `whole dataset: Rucio locks the files already there and transfers only the missing ones.`
    );
  return `Partly ${place} already: ${say(data.there)}; missing: ${rest}. Stage downloads only the missing files.`;
}

/** The Stage button's label, or null when there is nothing to stage (everything is there). */
export function stageLabel(data: LocalData): string | null {
  if (data.kind === "complete") return null;
  if (data.kind === "partial" && data.missing.files !== null)
    return `Stage the missing ${data.missing.files} file${data.missing.files === 1 ? "" : "s"}`;
  if (data.kind === "partial") return "Stage the missing files";
  return "Stage";
}
