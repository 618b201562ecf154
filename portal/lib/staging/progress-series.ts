import type { StagingProgressPoint, StagingView } from "@/lib/api-responses";

export interface SeriesPoint extends StagingProgressPoint {
  /** Seconds since the request was made. */
  seconds: number;
}

type Snapshot = Pick<StagingView, "createdAt" | "updatedAt" | "finishedAt" | "filesDone" | "bytesDone">;

/**
 * A request's bytes and files over time, for its chart: nothing at the click, then each recorded point,
 * then where it stands now (or stood when it finished) unless a recorded point is as recent. Points of
 * the same instant keep the last one; a point repeating its predecessor's figures adds nothing but the
 * last, which carries the line up to now.
 */
export function progressSeries(staging: Snapshot, recorded: readonly StagingProgressPoint[]): SeriesPoint[] {
  const start = Date.parse(staging.createdAt);
  const withSeconds = (point: StagingProgressPoint) => ({
    ...point,
    seconds: Math.max(0, (Date.parse(point.at) - start) / 1000),
  });
  const points = [{ at: staging.createdAt, filesDone: 0, bytesDone: 0 }, ...recorded]
    .map(withSeconds)
    .filter((point) => Number.isFinite(point.seconds))
    .sort((a, b) => a.seconds - b.seconds);
  const current = withSeconds({
    at: staging.finishedAt ?? staging.updatedAt,
    filesDone: staging.filesDone,
    bytesDone: staging.bytesDone,
  });
  if (current.seconds > points.at(-1)!.seconds) points.push(current);
  const series: SeriesPoint[] = [];
  for (const point of points) {
    if (series.at(-1)?.seconds === point.seconds) series[series.length - 1] = point;
    else series.push(point);
  }
  return series.filter(
    (point, index) =>
      index === 0 ||
      index === series.length - 1 ||
      point.bytesDone !== series[index - 1]!.bytesDone ||
      point.filesDone !== series[index - 1]!.filesDone,
  );
}
