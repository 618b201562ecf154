"use client";

import type { ComponentProps, ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { rowTooltip, themedBar, themedChart } from "./chart-figure";

interface CountHistogramProps<Bin> {
  /** The bins in order, each with the label of its axis tick and how many items it holds. */
  data: (Bin & { label: string; count: number })[];
  /** What the chart shows, for assistive technology (the SVG's title). */
  title: string;
  /** What is counted, as the bar series is named. */
  counted: string;
  tooltip: (bin: Bin) => string[];
  /** Pointer handlers and the like, for a chart that does more than show. */
  chartProps?: Partial<ComponentProps<typeof BarChart>>;
  /** Cells of the bars, to draw some of them differently. */
  children?: ReactNode;
}

/** Counts per bin as adjacent bars: the dataset page's file sizes, the search's run numbers. */
export function CountHistogram<Bin>({ data, title, counted, tooltip, chartProps, children }: CountHistogramProps<Bin>) {
  return (
    <BarChart
      {...themedChart}
      data={data}
      title={title}
      margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
      barCategoryGap={1}
      {...chartProps}
    >
      <CartesianGrid vertical={false} />
      <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={10} />
      <YAxis allowDecimals={false} width={40} />
      {rowTooltip(tooltip)}
      <Bar dataKey="count" name={counted} {...themedBar}>
        {children}
      </Bar>
    </BarChart>
  );
}
