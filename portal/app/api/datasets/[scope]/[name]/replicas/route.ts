import { summarizeReplicas } from "@/server/catalog/replica-summary";
import { liveDidRoute } from "@/server/http/live-listing";

export const dynamic = "force-dynamic";

/** Replicas of the DID's files per RSE and state, live from Rucio (summed over at most a capped number of files). */
export const GET = liveDidRoute(summarizeReplicas);
