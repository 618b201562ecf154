import { summarizeReplicas } from "@/server/catalog/replica-summary";
import { route } from "@/server/http";
import { didParams, instanceQuery } from "@/server/http/did-input";
import { withDidFailures } from "@/server/http/live-listing";
import type { DatasetReplicasResponse } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** Replicas of the DID's files per RSE and state, live from Rucio (summed over at most a capped number of files). */
export const GET = route(
  { access: "catalog", params: didParams, query: instanceQuery, rateLimit: "live-rucio" },
  ({ params, query, request }): Promise<DatasetReplicasResponse> => {
    const ref = { instance: query.instance, ...params };
    return withDidFailures(ref, () => summarizeReplicas(ref, request.signal));
  },
);
