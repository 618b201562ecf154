"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { FileSizeHistogram as Histogram } from "@/lib/api-responses";
import type { SizeBin } from "@/lib/catalog/size-bins";
import { ChartFigure } from "../../_components/chart-figure";
import { CountHistogram } from "../../_components/count-histogram";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";
import { formatByteRange, formatCount } from "../../_components/format";
import { LiveError } from "./live-error";

const range = (bin: SizeBin) => formatByteRange(bin.from, bin.to);
const files = (count: number) => `${formatCount(count)} file${count === 1 ? "" : "s"}`;

function summaryOf(histogram: Histogram): string {
  const largest = histogram.bins.reduce((best, bin) => (bin.count > best.count ? bin : best));
  const scale = histogram.scale === "log" ? "; bins grow tenfold per three bars" : "";
  const partial = histogram.complete ? "" : ` (the first ${formatCount(histogram.files)} files)`;
  return `Most files${partial} are ${range(largest)} (${files(largest.count)})${scale}.`;
}

/** How the sizes of the files below the DID spread, as Rucio lists them now. */
export function FileSizeHistogram({ dataset }: { dataset: DidLocation }) {
  const histogram = useQuery({
    queryKey: ["dataset-file-sizes", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ signal }) => fetchJson<Histogram>(datasetApiPath(dataset, "/file-sizes"), { signal }),
  });
  if (histogram.isPending) return <p className="loading">Reading file sizes…</p>;
  if (histogram.error) return <LiveError error={histogram.error} what="the file sizes" />;
  const { bins, unsized } = histogram.data;
  if (bins.length === 0) return null;
  const data = bins.map((bin) => ({ ...bin, label: range(bin) }));
  return (
    <ChartFigure
      id="file-sizes"
      title="File sizes"
      summary={
        <>
          {summaryOf(histogram.data)}
          {unsized > 0 && ` ${files(unsized)} without a size in Rucio are left out.`}
        </>
      }
      table={{
        caption: "Number of files per size range",
        columns: ["Size range", "Files"],
        numeric: ["Files"],
        rows: bins.map((bin) => ({ key: String(bin.from), cells: [range(bin), formatCount(bin.count)] })),
      }}
    >
      <CountHistogram
        data={data}
        title="File sizes: number of files per size range"
        counted="Files"
        tooltip={(bin: SizeBin) => [range(bin), files(bin.count)]}
      />
    </ChartFigure>
  );
}
