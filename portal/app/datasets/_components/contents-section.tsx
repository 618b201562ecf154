"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/lib/api-client";
import type { DatasetContentsResponse } from "@/lib/api-responses";
import { datasetApiPath, datasetHref, type DidLocation } from "../../_components/dataset-links";
import { formatCount } from "../../_components/format";
import { LiveError } from "./live-error";
import { BreakableName } from "../../_components/breakable-name";

const CONTENTS_PAGE = 100;

/** A container's direct children (datasets and containers), linked to their own pages. */
export function ContentsSection({ dataset, defaultInstance }: { dataset: DidLocation; defaultInstance: string }) {
  const contents = useInfiniteQuery({
    queryKey: ["dataset-contents", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ pageParam, signal }) => {
      const url = `${datasetApiPath(dataset, "/contents")}&limit=${CONTENTS_PAGE}`;
      return fetchJson<DatasetContentsResponse>(pageParam ? `${url}&cursor=${encodeURIComponent(pageParam)}` : url, {
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = contents.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="contents-heading" className="panel">
      <h2 id="contents-heading">Contents</h2>
      {contents.isPending && <p className="loading">Listing contents…</p>}
      {contents.error && <LiveError error={contents.error} what="the contents" />}
      {contents.data && items.length === 0 && <p className="muted">This container is empty.</p>}
      {items.length > 0 && (
        <ul className="did-links">
          {items.map((child) => (
            <li key={`${child.scope}:${child.name}`}>
              <span className={`type-badge type-${child.type.toLowerCase()}`}>{child.type.toLowerCase()}</span>{" "}
              <Link href={datasetHref({ instance: dataset.instance, ...child }, defaultInstance)}>
                <BreakableName name={`${child.scope}:${child.name}`} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {contents.hasNextPage && (
        <div className="load-more">
          <p className="muted">Showing {formatCount(items.length)}</p>
          <button
            type="button"
            className="button"
            onClick={() => contents.fetchNextPage()}
            disabled={contents.isFetchingNextPage}
          >
            {contents.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}
