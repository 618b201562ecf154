import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { PageResponse } from "@/lib/api-responses";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";

/** A live listing of the DID (its files or contents), `pageSize` items a page; `items`: every page loaded so far. */
export function useLivePages<T>(dataset: DidLocation, listing: "files" | "contents", pageSize: number) {
  const pages = useInfiniteQuery({
    queryKey: [`dataset-${listing}`, dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ pageParam, signal }) => {
      const url = `${datasetApiPath(dataset, `/${listing}`)}&limit=${pageSize}`;
      return fetchJson<PageResponse<T>>(pageParam ? `${url}&cursor=${encodeURIComponent(pageParam)}` : url, {
        signal,
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { pages, items: pages.data?.pages.flatMap((page) => page.items) ?? [] };
}
