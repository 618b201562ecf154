"use client";

import { useState, type MouseEvent } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import type { SearchResult } from "@/lib/api-responses";
import { ChartFigure, ChartTooltip, chartClass } from "../_components/chart-figure";
import { formatCount } from "../_components/format";
import styles from "./run-histogram.module.css";
import { brushOf, hasRunRange, runBins, withoutRunRange, withRunRange, type RunBin } from "./run-range";

interface RunHistogramProps {
  facet: SearchResult["facets"]["run"];
  q: string;
  onSearch: (q: string) => void;
  /** The search page's link for a query (so each range can be opened in a new tab too). */
  hrefFor: (q: string) => string;
}

const runs = (bin: RunBin) => `${bin.from}–${bin.to}`;
const shortRun = (run: number) => (run >= 10_000 ? `${Math.floor(run / 1000)}k` : String(run));

/** A new search's bins start a new brush: the state below lives as long as one set of bins. */
export function RunHistogram(props: RunHistogramProps) {
  const bins = runBins(props.facet.buckets);
  if (bins.length === 0 && !hasRunRange(props.q)) return null;
  return <RunBrush key={bins.map(runs).join(",")} bins={bins} {...props} />;
}

/**
 * The run-number facet as a histogram: drag across bars (or move the two sliders) to search that run
 * range; a click on one bar searches its range alone.
 */
function RunBrush({ bins, facet, q, onSearch, hrefFor }: RunHistogramProps & { bins: RunBin[] }) {
  const [brush, setBrush] = useState<{ start: number; end: number } | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const chosen = brush ?? { start: 0, end: Math.max(0, bins.length - 1) };
  const search = (range: { start: number; end: number }) =>
    onSearch(withRunRange(q, bins[range.start]!.from, bins[range.end]!.to));
  const barAt = (state: { activeTooltipIndex?: unknown }) => {
    const index = Number(state.activeTooltipIndex);
    return Number.isInteger(index) && index >= 0 && index < bins.length ? index : null;
  };
  const openRange = (event: MouseEvent<HTMLAnchorElement>, range: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    onSearch(range);
  };
  const data = bins.map((bin) => ({ ...bin, label: shortRun(bin.from) }));
  const from = bins[chosen.start];
  const to = bins[chosen.end];
  return (
    <section className="facet" aria-labelledby="facet-run">
      <h3 id="facet-run">Run number</h3>
      {bins.length > 0 && from && to && (
        <ChartFigure
          id="run-histogram"
          title="Datasets per run range"
          size="compact"
          summary="Drag across the bars, or set the sliders, to search a range of runs."
          table={{
            caption: "Datasets per run range; each range is a link that searches it",
            columns: ["Runs", "Datasets"],
            numeric: ["Datasets"],
            rows: bins.map((bin) => {
              const range = withRunRange(q, bin.from, bin.to);
              return {
                key: runs(bin),
                cells: [
                  <a key="runs" href={hrefFor(range)} onClick={(event) => openRange(event, range)}>
                    {runs(bin)}
                  </a>,
                  formatCount(bin.count, facet.capped),
                ],
              };
            }),
          }}
        >
          <BarChart
            responsive
            className={chartClass.chart}
            data={data}
            title="Datasets per run range: drag across bars to search their runs"
            margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
            barCategoryGap={1}
            onMouseDown={(state) => {
              const index = barAt(state);
              if (index === null) return;
              setAnchor(index);
              setBrush(brushOf(index, index));
            }}
            onMouseMove={(state) => {
              const index = barAt(state);
              if (anchor !== null && index !== null) setBrush(brushOf(anchor, index));
            }}
            onMouseUp={(state) => {
              const index = barAt(state);
              if (anchor === null) return;
              setAnchor(null);
              search(brushOf(anchor, index ?? anchor));
            }}
            onMouseLeave={() => setAnchor(null)}
          >
            <CartesianGrid vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} width={32} />
            <Tooltip
              isAnimationActive={false}
              content={({ active, payload }) => {
                const bin = payload?.[0]?.payload as RunBin | undefined;
                return (
                  <ChartTooltip
                    active={active}
                    lines={bin ? [`Runs ${runs(bin)}`, `${formatCount(bin.count, facet.capped)} datasets`] : null}
                  />
                );
              }}
            />
            <Bar
              dataKey="count"
              name="Datasets"
              className={chartClass.bar}
              fill="currentColor"
              isAnimationActive={false}
            >
              {bins.map((bin, index) => (
                <Cell
                  key={runs(bin)}
                  className={brush && (index < chosen.start || index > chosen.end) ? chartClass.dimmed : undefined}
                />
              ))}
            </Bar>
          </BarChart>
        </ChartFigure>
      )}
      {bins.length > 1 && from && to && (
        <div className={styles.brush}>
          <label>
            <span>From</span>
            <input
              type="range"
              min={0}
              max={bins.length - 1}
              value={chosen.start}
              aria-valuetext={`run ${from.from}`}
              onChange={(event) =>
                setBrush(brushOf(Number(event.target.value), Math.max(Number(event.target.value), chosen.end)))
              }
            />
          </label>
          <label>
            <span>To</span>
            <input
              type="range"
              min={0}
              max={bins.length - 1}
              value={chosen.end}
              aria-valuetext={`run ${to.to}`}
              onChange={(event) =>
                setBrush(brushOf(Math.min(Number(event.target.value), chosen.start), Number(event.target.value)))
              }
            />
          </label>
          <button type="button" className="button" onClick={() => search(chosen)}>
            Search runs {from.from}–{to.to}
          </button>
        </div>
      )}
      {hasRunRange(q) && (
        <a
          className={styles.clear}
          href={hrefFor(withoutRunRange(q))}
          onClick={(event) => openRange(event, withoutRunRange(q))}
        >
          All runs
        </a>
      )}
    </section>
  );
}
