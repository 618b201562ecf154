"use client";

import { useState, type MouseEvent } from "react";
import { Cell } from "recharts";
import type { SearchResult } from "@/lib/api-responses";
import { ChartFigure, chartClass } from "../_components/chart-figure";
import { CountHistogram } from "../_components/count-histogram";
import { formatCount } from "../_components/format";
import styles from "./run-histogram.module.css";
import { brushOf, hasRunRange, runBins, withoutRunRange, withRunRange, type RunBin } from "./run-range";
import { withBasePath } from "@/lib/base-path";

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
                  <a key="runs" href={withBasePath(hrefFor(range))} onClick={(event) => openRange(event, range)}>
                    {runs(bin)}
                  </a>,
                  formatCount(bin.count, facet.capped),
                ],
              };
            }),
          }}
        >
          <CountHistogram
            data={data}
            title="Datasets per run range: drag across bars to search their runs"
            counted="Datasets"
            tooltip={(bin: RunBin) => [`Runs ${runs(bin)}`, `${formatCount(bin.count, facet.capped)} datasets`]}
            chartProps={{
              onMouseDown: (state) => {
                const index = barAt(state);
                if (index === null) return;
                setAnchor(index);
                setBrush(brushOf(index, index));
              },
              onMouseMove: (state) => {
                const index = barAt(state);
                if (anchor !== null && index !== null) setBrush(brushOf(anchor, index));
              },
              onMouseUp: (state) => {
                const index = barAt(state);
                if (anchor === null) return;
                setAnchor(null);
                search(brushOf(anchor, index ?? anchor));
              },
              onMouseLeave: () => setAnchor(null),
            }}
          >
            {bins.map((bin, index) => (
              <Cell
                key={runs(bin)}
                className={brush && (index < chosen.start || index > chosen.end) ? chartClass.dimmed : undefined}
              />
            ))}
          </CountHistogram>
        </ChartFigure>
      )}
      {bins.length > 1 && from && to && (
        <div className={styles.brush}>
          <BinSlider
            label="From"
            max={bins.length - 1}
            value={chosen.start}
            valueText={`run ${from.from}`}
            onChange={(start) => setBrush(brushOf(start, Math.max(start, chosen.end)))}
          />
          <BinSlider
            label="To"
            max={bins.length - 1}
            value={chosen.end}
            valueText={`run ${to.to}`}
            onChange={(end) => setBrush(brushOf(Math.min(end, chosen.start), end))}
          />
          <button type="button" className="button" onClick={() => search(chosen)}>
            Search runs {from.from}–{to.to}
          </button>
        </div>
      )}
      {hasRunRange(q) && (
        <a
          className={styles.clear}
          href={withBasePath(hrefFor(withoutRunRange(q)))}
          onClick={(event) => openRange(event, withoutRunRange(q))}
        >
          All runs
        </a>
      )}
    </section>
  );
}

interface BinSliderProps {
  label: string;
  max: number;
  value: number;
  /** What a screen reader says for the value: the run, not the bin's index. */
  valueText: string;
  onChange: (bin: number) => void;
}

/** One end of the brush as a slider over the bins' indexes (arrow keys move it a bin at a time). */
function BinSlider({ label, max, value, valueText, onChange }: BinSliderProps) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="range"
        min={0}
        max={max}
        value={value}
        aria-valuetext={valueText}
        onChange={(event) => onChange(Number(event.target.value))}
      />
    </label>
  );
}
