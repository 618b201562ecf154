/**
 * Bins of a file-size histogram. Sizes within two orders of magnitude of each other get equal-width
 * bins on round decimal edges (the units formatBytes prints); a wider spread gets bins that grow
 * 1-2-5 per decade, so a few huge files do not squash every small one into the first bar.
 */
export interface SizeBin {
  /** Inclusive lower edge, in bytes. */
  from: number;
  /** Exclusive upper edge, in bytes. */
  to: number;
  count: number;
}

export type SizeScale = "linear" | "log";

const TARGET_BINS = 10;
const LOG_SPREAD = 100;
const NICE_FACTORS = [1, 2, 2.5, 5, 10];
const DECADE_STEPS = [1, 2, 5];

/** The smallest round width (1, 2, 2.5 or 5 times a power of ten, whole bytes) at least `raw`. */
export function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = NICE_FACTORS.find((candidate) => candidate * power >= raw)!;
  return Math.max(1, Math.round(factor * power));
}

function linearEdges(min: number, max: number): number[] {
  const width = niceWidth((max - min) / TARGET_BINS);
  const edges = [Math.floor(min / width) * width];
  while (edges.at(-1)! <= max) edges.push(edges.at(-1)! + width);
  return edges;
}

/** 1-2-5 edges per decade, from the largest at or below `min` to the first above `max`. */
function logEdges(min: number, max: number): number[] {
  const edges: number[] = [];
  for (let power = 10 ** Math.floor(Math.log10(min)); ; power *= 10) {
    for (const step of DECADE_STEPS) {
      const edge = step * power;
      if (edge <= min) edges.splice(0, edges.length, edge);
      else edges.push(edge);
      if (edge > max) return edges;
    }
  }
}

const smallest = (values: readonly number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
const largest = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);

export function sizeScale(sizes: readonly number[]): SizeScale {
  const positive = sizes.filter((size) => size > 0);
  if (positive.length === 0) return "linear";
  return largest(positive) / smallest(positive) > LOG_SPREAD ? "log" : "linear";
}

/**
 * The histogram of `sizes` (bytes, whole and non-negative): consecutive bins from the one holding the
 * smallest size to the one holding the largest, empty bins included. On the log scale empty files get the
 * bin below the smallest non-empty file.
 */
export function binSizes(sizes: readonly number[]): { scale: SizeScale; bins: SizeBin[] } {
  const scale = sizeScale(sizes);
  if (sizes.length === 0) return { scale, bins: [] };
  const min = smallest(sizes);
  const max = largest(sizes);
  let edges: number[];
  if (scale === "linear") edges = linearEdges(min, max);
  else {
    edges = logEdges(smallest(sizes.filter((size) => size > 0)), max);
    if (min === 0) edges = [0, ...edges];
  }
  const bins = edges.slice(0, -1).map((from, index) => ({ from, to: edges[index + 1]!, count: 0 }));
  for (const size of sizes) {
    // Edges grow, so the last bin starting at or below the size holds it.
    let index = bins.length - 1;
    while (index > 0 && bins[index]!.from > size) index -= 1;
    bins[index]!.count += 1;
  }
  return { scale, bins };
}
