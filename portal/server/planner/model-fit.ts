/**
 * Fits `seconds = latency + bytes × secondsPerByte` to finished stagings by least squares, both terms
 * kept non-negative. When the sizes barely differ the two terms cannot be told apart, so the whole
 * time counts as latency (the median) and no rate is claimed.
 */
export interface Observation {
  bytes: number;
  seconds: number;
}

export interface DurationModel {
  latencySeconds: number;
  secondsPerByte: number;
}

/** Sizes must differ by this factor before a rate is fitted. */
const SEPARABLE_SPREAD = 1.5;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function fitDurationModel(observations: Observation[]): DurationModel {
  const seconds = observations.map((observation) => observation.seconds);
  const bytes = observations.map((observation) => observation.bytes);
  const flat = { latencySeconds: median(seconds), secondsPerByte: 0 };
  const smallest = Math.min(...bytes);
  const largest = Math.max(...bytes);
  if (observations.length < 2 || largest <= 0 || largest < smallest * SEPARABLE_SPREAD) return flat;
  const n = observations.length;
  const meanBytes = bytes.reduce((sum, value) => sum + value, 0) / n;
  const meanSeconds = seconds.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { bytes: b, seconds: s } of observations) {
    covariance += (b - meanBytes) * (s - meanSeconds);
    variance += (b - meanBytes) ** 2;
  }
  const slope = covariance / variance;
  if (slope <= 0) return flat;
  const intercept = meanSeconds - slope * meanBytes;
  if (intercept >= 0) return { latencySeconds: intercept, secondsPerByte: slope };
  // A negative latency means nothing: refit through the origin.
  const throughOrigin =
    observations.reduce((sum, { bytes: b, seconds: s }) => sum + b * s, 0) /
    observations.reduce((sum, { bytes: b }) => sum + b * b, 0);
  return { latencySeconds: 0, secondsPerByte: throughOrigin };
}

export const predictSeconds = (model: DurationModel, bytes: number) =>
  model.latencySeconds + model.secondsPerByte * bytes;
