"use client";

import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartFigure, chartClass, themedChart, rowTooltip } from "@/app/_components/chart-figure";
import { formatBytes, formatCount, formatDate } from "@/app/_components/format";
import type { StagingProgressPoint, StagingView } from "@/lib/api-responses";
import { formatDuration, percentDone } from "@/lib/staging/progress";
import { progressSeries, type SeriesPoint } from "@/lib/staging/progress-series";

const elapsed = (seconds: number) => (seconds === 0 ? "0 s" : formatDuration(seconds));

function summaryOf(staging: StagingView, last: SeriesPoint): string {
  const percent = percentDone(last.bytesDone, staging.bytesTotal);
  const share = `${formatBytes(last.bytesDone)} of ${formatBytes(staging.bytesTotal)}${percent === null ? "" : ` (${percent} %)`}`;
  return staging.unfinished
    ? `${share} so far, ${elapsed(last.seconds)} after the request.`
    : `${share} when it ended, ${elapsed(last.seconds)} after the request.`;
}

/**
 * The bytes of a request available at its destination over time. Each step is a moment the portal saw
 * them change (the tracker's poll of the rule, the executor's report), so the line holds until the next.
 */
export function StagingProgressChart({
  staging,
  progress,
}: {
  staging: StagingView;
  progress: StagingProgressPoint[];
}) {
  const series = progressSeries(staging, progress);
  const rule = staging.mode === "RULE";
  const title = rule ? "Bytes replicated over time (Rucio locks OK)" : "Bytes downloaded over time";
  return (
    <ChartFigure
      id="staging-over-time"
      title={title}
      summary={summaryOf(staging, series.at(-1)!)}
      size="medium"
      table={{
        caption: `${title}: one row per change the portal saw`,
        columns: ["After", "Time", "Bytes", "Files"],
        numeric: ["Bytes", "Files"],
        rows: series.map((point) => ({
          key: `${point.seconds}`,
          cells: [
            elapsed(point.seconds),
            formatDate(point.at),
            formatBytes(point.bytesDone),
            formatCount(point.filesDone),
          ],
        })),
      }}
    >
      <AreaChart {...themedChart} data={series} title={title} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="seconds" type="number" domain={[0, "dataMax"]} tickFormatter={elapsed} minTickGap={24} />
        <YAxis
          dataKey="bytesDone"
          domain={[0, (max: number) => Math.max(max, staging.bytesTotal ?? 0)]}
          tickFormatter={(bytes: number) => formatBytes(bytes)}
          width={64}
        />
        {rowTooltip((point: SeriesPoint) => [
          `After ${elapsed(point.seconds)}`,
          formatBytes(point.bytesDone),
          `${formatCount(point.filesDone)} files`,
        ])}
        <Area
          type="stepAfter"
          dataKey="bytesDone"
          name="Bytes"
          className={chartClass.area}
          stroke="currentColor"
          strokeWidth={2}
          fill="currentColor"
          fillOpacity={0.2}
          dot
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartFigure>
  );
}
