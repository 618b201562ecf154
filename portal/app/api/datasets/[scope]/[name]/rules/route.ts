import { listDatasetRules } from "@/server/catalog/dataset-details";
import { liveDidRoute } from "@/server/http/live-listing";
import type { DatasetRulesResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** Replication rules on the DID, live from Rucio. */
export const GET = liveDidRoute(async (ref, signal): Promise<DatasetRulesResponse> => ({
  rules: await listDatasetRules(ref, signal),
}));
