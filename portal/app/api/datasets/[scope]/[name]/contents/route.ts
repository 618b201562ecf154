import { listDatasetContents } from "@/server/catalog/dataset-details";
import { route } from "@/server/http";
import { didParams } from "@/server/http/did-input";
import { liveListingQuery, readLivePage } from "@/server/http/live-listing";
import type { DatasetContentsResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** One page of a collection's direct children, live from Rucio. */
export const GET = route(
  { access: "catalog", params: didParams, query: liveListingQuery, rateLimit: "live-rucio" },
  ({ params, query, request }): Promise<DatasetContentsResponse> =>
    readLivePage({ kind: "contents", instance: query.instance, ...params }, query, request.signal, listDatasetContents),
);
