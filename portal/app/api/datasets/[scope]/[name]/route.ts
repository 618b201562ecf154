import { getCatalogDataset, getLiveDataset } from "@/server/catalog/dataset-details";
import { describeRucioFailure, HttpError, route } from "@/server/http";
import { didParams, instanceQuery } from "@/server/http/did-input";
import { RucioError } from "@/server/rucio";
import type { DatasetDetailsResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/**
 * A DID's catalog entry and its live state in Rucio. When Rucio cannot be read the catalog entry is
 * still returned (with liveError); only a DID neither side knows is a 404, and only an unknown DID while
 * Rucio is unreachable is a 503.
 */
export const GET = route(
  { access: "catalog", params: didParams, query: instanceQuery, rateLimit: "live-rucio" },
  async ({ params, query, request, context }): Promise<DatasetDetailsResponse> => {
    const ref = { instance: query.instance, ...params };
    const [catalog, live] = await Promise.all([
      getCatalogDataset(ref, context.db),
      getLiveDataset(ref, request.signal).catch((error: unknown) => {
        if (error instanceof RucioError && !request.signal.aborted) return error;
        throw error;
      }),
    ]);
    if (!(live instanceof RucioError)) return { ...ref, catalog, live, liveError: null };
    const failure = describeRucioFailure(live, ref);
    if (!catalog) throw new HttpError(failure.status, failure.message);
    return { ...ref, catalog, live: null, liveError: failure.message };
  },
);
