import { listDatasetRules } from "@/server/catalog/dataset-details";
import { route } from "@/server/http";
import { didParams, instanceQuery } from "@/server/http/did-input";
import { withDidFailures } from "@/server/http/live-listing";
import type { DatasetRulesResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** Replication rules on the DID, live from Rucio. */
export const GET = route(
  { access: "catalog", params: didParams, query: instanceQuery, rateLimit: "live-rucio" },
  async ({ params, query, request }): Promise<DatasetRulesResponse> => {
    const ref = { instance: query.instance, ...params };
    return { rules: await withDidFailures(ref, () => listDatasetRules(ref, request.signal)) };
  },
);
