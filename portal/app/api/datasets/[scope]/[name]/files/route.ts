import { listDatasetFiles } from "@/server/catalog/dataset-details";
import { route } from "@/server/http";
import { didParams } from "@/server/http/did-input";
import { liveListingQuery, readLivePage } from "@/server/http/live-listing";
import type { DatasetFilesResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** One page of the files below a DID, live from Rucio, with sizes and checksums. */
export const GET = route(
  { access: "catalog", params: didParams, query: liveListingQuery, rateLimit: "live-rucio" },
  ({ params, query, request }): Promise<DatasetFilesResponse> =>
    readLivePage({ kind: "files", instance: query.instance, ...params }, query, request.signal, listDatasetFiles),
);
