import "server-only";
import { listReplicas, serviceCaller } from "@/server/rucio";
import type { ReplicaSummary, RseReplicas } from "@/lib/api-responses";
import type { DatasetRef } from "./dataset-details";

/**
 * Where a DID's files have replicas, per RSE and state. Rucio answers with one record per file, so a
 * container of a million files would be a million records for one anonymous page view: the summary
 * stops after MAX_REPLICA_FILES files (and says so: `complete: false`, shown as "≥ N"), and a summary
 * is reused for SUMMARY_TTL_MS, so reloading a page does not ask Rucio again.
 */
export const MAX_REPLICA_FILES = 10_000;
export const SUMMARY_TTL_MS = 60_000;
const SUMMARIES_KEPT = 500;

const summaries = new Map<string, { expiresMs: number; summary: Promise<ReplicaSummary> }>();

export function summarizeReplicas(
  ref: DatasetRef,
  signal?: AbortSignal,
  maxFiles = MAX_REPLICA_FILES,
  nowMs = Date.now(),
): Promise<ReplicaSummary> {
  const key = keyOf(ref, maxFiles);
  const cached = summaries.get(key);
  if (cached && cached.expiresMs > nowMs) return cached.summary;
  // The shared read must outlive one client's disconnect, so it runs on its own timeout, not the request's signal.
  const summary = readSummary(ref, maxFiles, AbortSignal.timeout(120_000));
  summaries.set(key, { expiresMs: nowMs + SUMMARY_TTL_MS, summary });
  if (summaries.size > SUMMARIES_KEPT) summaries.delete(summaries.keys().next().value!);
  summary.catch(() => summaries.delete(key));
  return signal ? abortable(summary, signal) : summary;
}

/** The summary read from Rucio now (for a user about to stage, a minute-old one may be wrong), kept for the next reader. */
export function summarizeReplicasNow(ref: DatasetRef, signal?: AbortSignal): Promise<ReplicaSummary> {
  summaries.delete(keyOf(ref, MAX_REPLICA_FILES));
  return summarizeReplicas(ref, signal);
}

const keyOf = (ref: DatasetRef, maxFiles: number) => JSON.stringify([ref.instance, ref.scope, ref.name, maxFiles]);

async function readSummary(ref: DatasetRef, maxFiles: number, signal: AbortSignal): Promise<ReplicaSummary> {
  const perRse = new Map<string, RseReplicas>();
  let files = 0;
  let complete = true;
  for await (const file of listReplicas(serviceCaller(ref.instance, signal), [ref], { allStates: true })) {
    if (files >= maxFiles) {
      complete = false;
      break;
    }
    files += 1;
    const states: Record<string, string> = {
      ...Object.fromEntries(Object.keys(file.rses).map((rse) => [rse, "AVAILABLE"])),
      ...file.states,
    };
    for (const [rse, state] of Object.entries(states)) {
      const entry = perRse.get(rse) ?? { rse, filesByState: {}, files: 0, bytes: 0, availableBytes: 0 };
      entry.files += 1;
      entry.filesByState[state] = (entry.filesByState[state] ?? 0) + 1;
      entry.bytes += file.bytes ?? 0;
      if (state === "AVAILABLE") entry.availableBytes += file.bytes ?? 0;
      perRse.set(rse, entry);
    }
  }
  return { files, complete, rses: [...perRse.values()].sort((a, b) => a.rse.localeCompare(b.rse)) };
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    work.then(resolve, reject);
  });
}
