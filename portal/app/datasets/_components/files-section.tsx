"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { DatasetFilesResponse } from "@/lib/api-responses";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";
import { formatBytes, formatCount } from "../../_components/format";
import { LiveError } from "./live-error";
import { BreakableName } from "../../_components/breakable-name";

const FILES_PAGE = 50;

function filesUrl(dataset: DidLocation, cursor: string | null): string {
  const url = `${datasetApiPath(dataset, "/files")}&limit=${FILES_PAGE}`;
  return cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url;
}

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
  const files = useInfiniteQuery({
    queryKey: ["dataset-files", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ pageParam, signal }) => fetchJson<DatasetFilesResponse>(filesUrl(dataset, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = files.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="files-heading" className="panel">
      <h2 id="files-heading">Files</h2>
      {totalFiles !== null && (
        <p className="muted">
          {formatCount(totalFiles)} files, {formatBytes(totalBytes)} in total.
        </p>
      )}
      {files.isPending && <p className="loading">Listing files…</p>}
      {files.error && <LiveError error={files.error} what="the files" />}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="files">
            <caption className="visually-hidden">Files with size and checksums</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="numeric">
                  Size
                </th>
                <th scope="col">adler32</th>
                <th scope="col">md5</th>
              </tr>
            </thead>
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
        <div className="load-more">
          <p className="muted">
            Showing {formatCount(items.length)}
            {totalFiles !== null ? ` of ${formatCount(totalFiles)}` : ""} files
          </p>
          {files.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => files.fetchNextPage()}
              disabled={files.isFetchingNextPage}
            >
              {files.isFetchingNextPage ? "Loading…" : "Load more files"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
