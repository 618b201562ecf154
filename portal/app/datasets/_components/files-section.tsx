"use client";

import type { DatasetFile } from "@/lib/api-responses";
import type { DidLocation } from "../../_components/dataset-links";
import { ColumnHeadings } from "../../_components/column-headings";
import { formatBytes, formatCount } from "../../_components/format";
import { LoadMore } from "../../_components/load-more";
import { FileSizeHistogram } from "./file-size-histogram";
import { LiveError } from "./live-error";
import { BreakableName } from "../../_components/breakable-name";
import { useLivePages } from "./use-live-pages";

const FILES_PAGE = 50;

/** The files below the DID, a page at a time, with their sizes and checksums. */
export function FilesSection({
  dataset,
  totalFiles,
  totalBytes,
}: {
  dataset: DidLocation;
  totalFiles: number | null;
  totalBytes: number | null;
}) {
  const { pages: files, items } = useLivePages<DatasetFile>(dataset, "files", FILES_PAGE);

  return (
    <section aria-labelledby="files-heading" className="panel">
      <h2 id="files-heading">Files</h2>
      {totalFiles !== null && (
        <p className="muted">
          {formatCount(totalFiles)} files, {formatBytes(totalBytes)} in total.
        </p>
      )}
      {totalFiles !== 0 && <FileSizeHistogram dataset={dataset} />}
      {files.isPending && <p className="loading">Listing files…</p>}
      {files.error && <LiveError error={files.error} what="the files" />}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="files">
            <caption className="visually-hidden">Files with size and checksums</caption>
            <ColumnHeadings columns={["Name", "Size", "adler32", "md5"]} numeric={["Size"]} />
            <tbody>
              {items.map((file) => (
                <tr key={`${file.scope}:${file.name}`}>
                  <td className="did-name">
                    <BreakableName name={file.scope === dataset.scope ? file.name : `${file.scope}:${file.name}`} />
                  </td>
                  <td className="numeric">{formatBytes(file.bytes)}</td>
                  <td>
                    <code>{file.adler32 ?? "—"}</code>
                  </td>
                  <td>
                    <code>{file.md5 ?? "—"}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {files.data && items.length === 0 && <p className="muted">No files.</p>}
      {items.length > 0 && (
        <LoadMore
          shown={`Showing ${formatCount(items.length)}${totalFiles !== null ? ` of ${formatCount(totalFiles)}` : ""} files`}
          pages={files}
          label="Load more files"
        />
      )}
    </section>
  );
}
