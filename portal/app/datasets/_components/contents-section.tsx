"use client";

import type { DatasetChild } from "@/lib/api-responses";
import type { DidLocation } from "../../_components/dataset-links";
import { formatCount } from "../../_components/format";
import { LoadMore } from "../../_components/load-more";
import { DidLinkList } from "./did-link-list";
import { LiveError } from "./live-error";
import { useLivePages } from "./use-live-pages";

/** Children read per page (the hierarchy graph shares the first page). */
export const CONTENTS_PAGE = 100;

/** A container's direct children (datasets and containers), linked to their own pages. */
export function ContentsSection({ dataset, defaultInstance }: { dataset: DidLocation; defaultInstance: string }) {
  const { pages: contents, items } = useLivePages<DatasetChild>(dataset, "contents", CONTENTS_PAGE);

  return (
    <section aria-labelledby="contents-heading" className="panel">
      <h2 id="contents-heading">Contents</h2>
      {contents.isPending && <p className="loading">Listing contents…</p>}
      {contents.error && <LiveError error={contents.error} what="the contents" />}
      {contents.data && items.length === 0 && <p className="muted">This container is empty.</p>}
      {items.length > 0 && <DidLinkList dids={items} instance={dataset.instance} defaultInstance={defaultInstance} />}
      {contents.hasNextPage && <LoadMore shown={`Showing ${formatCount(items.length)}`} pages={contents} />}
    </section>
  );
}
