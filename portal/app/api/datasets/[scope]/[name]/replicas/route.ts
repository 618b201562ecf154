import type { NextRequest } from "next/server";
import { summarizeReplicas } from "@/server/catalog/dataset-details";
import { respondWithRucio } from "../../../_lib/errors";
import { parseDatasetRef } from "../../../_lib/request";
import { catalogRefusal } from "../../../../_lib/catalog-access";

export const dynamic = "force-dynamic";

/** Replicas of the DID's files per RSE and state, live from Rucio. */
export async function GET(request: NextRequest, context: RouteContext<"/api/datasets/[scope]/[name]/replicas">) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const ref = parseDatasetRef(request, await context.params);
  if (!ref.ok) return ref.response;
  return respondWithRucio(ref.value, request.signal, () => summarizeReplicas(ref.value, request.signal));
}
