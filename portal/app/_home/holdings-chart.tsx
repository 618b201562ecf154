"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import type { InstanceHoldings } from "@/lib/api-responses";
import { ChartFigure, themedChart, rowTooltip, themedBar } from "../_components/chart-figure";
import { formatBytes, formatCount } from "../_components/format";

type Datatype = InstanceHoldings["byDatatype"][number];

const datasets = (count: number) => `${formatCount(count)} dataset${count === 1 ? "" : "s"}`;

/** One instance's datasets per data type, as horizontal bars, with datasets and bytes in its table. */
export function HoldingsChart({ holdings }: { holdings: InstanceHoldings }) {
  const { instance, byDatatype } = holdings;
  return (
    <ChartFigure
      id={`holdings-${instance}`}
      title={`Instance ${instance}`}
      summary={`${datasets(holdings.datasets)}, ${formatBytes(holdings.bytes)}, in ${formatCount(byDatatype.length)} data type${byDatatype.length === 1 ? "" : "s"}.`}
      table={{
        caption: `Datasets and bytes per data type on instance ${instance}`,
        columns: ["Data type", "Datasets", "Bytes"],
        numeric: ["Datasets", "Bytes"],
        rows: byDatatype.map((row) => ({
          key: row.datatype,
          cells: [row.datatype, formatCount(row.datasets), formatBytes(row.bytes)],
        })),
      }}
    >
      <BarChart
        {...themedChart}
        layout="vertical"
        data={byDatatype}
        title={`Datasets per data type on instance ${instance}`}
        margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
        barCategoryGap={3}
      >
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="datatype" width={112} interval={0} />
        {rowTooltip((row: Datatype) => [row.datatype, datasets(row.datasets), formatBytes(row.bytes)])}
        <Bar dataKey="datasets" name="Datasets" {...themedBar} />
      </BarChart>
    </ChartFigure>
  );
}
