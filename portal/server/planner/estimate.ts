import type { EstimateConfidence, StagingEstimate } from "@/lib/api-responses";
import type { StagingMode } from "@/lib/db/values";
import { fitDurationModel, median, predictSeconds, type DurationModel, type Observation } from "./model-fit";

/** A staging that reached OK, as the estimator reads it. */
export interface FinishedStaging extends Observation {
  mode: StagingMode;
  /** The route's far end: the RSE expression (rule mode); every download goes to "the session". */
  destination: string;
  /** RSEs that held complete replicas when it was planned; null for requests made before the planner. */
  sources: string[] | null;
}

export interface EstimateQuery {
  mode: StagingMode;
  destination: string;
  /** Where complete replicas are now (the candidate sources). */
  sources: string[];
  bytes: number;
}

/** Route key of download mode: the folder differs per user, the path the bytes take does not. */
export const SESSION_DESTINATION = "session";

/** A model's usual miss on its own history, relative to the observed time. */
function typicalError(model: DurationModel, observations: Observation[]): number {
  return median(
    observations.map(({ bytes, seconds }) => Math.abs(predictSeconds(model, bytes) - seconds) / Math.max(seconds, 1)),
  );
}

function confidenceOf(
  samples: number,
  error: number,
  sourceKnown: boolean,
  extrapolating: boolean,
): EstimateConfidence {
  if (extrapolating) return "LOW";
  if (sourceKnown && samples >= 5 && error <= 0.25) return "HIGH";
  if (samples >= 3 && error <= 0.5) return "MEDIUM";
  return "LOW";
}

/** The candidate source with the most history on this route, or null when none has any. */
function bestSource(route: FinishedStaging[], sources: string[]): { source: string; rows: FinishedStaging[] } | null {
  let best: { source: string; rows: FinishedStaging[] } | null = null;
  for (const source of sources) {
    const rows = route.filter((row) => row.sources?.includes(source));
    if (rows.length > (best?.rows.length ?? 0)) best = { source, rows };
  }
  return best;
}

/**
 * Seconds until the data would be available, from the finished stagings of the same mode and destination:
 * those from a source that holds the data now if there are any, else all of them (less sure). Null when
 * the portal has no finished staging on this route yet.
 */
export function estimateAvailability(history: FinishedStaging[], query: EstimateQuery): StagingEstimate | null {
  const route = history.filter((row) => row.mode === query.mode && row.destination === query.destination);
  if (route.length === 0) return null;
  const chosen = bestSource(route, query.sources);
  const rows = chosen?.rows ?? route;
  const model = fitDurationModel(rows);
  const error = typicalError(model, rows);
  // Without a rate, a much larger request than any seen can take far longer than the history says.
  const extrapolating = model.secondsPerByte === 0 && query.bytes > 2 * Math.max(...rows.map((row) => row.bytes));
  return {
    seconds: Math.max(1, Math.round(predictSeconds(model, query.bytes))),
    confidence: confidenceOf(rows.length, error, chosen !== null, extrapolating),
    samples: rows.length,
    source: chosen?.source ?? null,
    latencySeconds: Math.round(model.latencySeconds * 10) / 10,
    bytesPerSecond: model.secondsPerByte > 0 ? Math.round(1 / model.secondsPerByte) : null,
    typicalError: Math.round(error * 100) / 100,
  };
}
