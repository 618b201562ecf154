import type { NextRequest } from "next/server";
import { listDatasetRules } from "@/server/catalog/dataset-details";
import { respondWithRucio } from "../../../_lib/errors";
import { parseDatasetRef } from "../../../_lib/request";
import type { DatasetRulesResponse } from "../../../_lib/responses";
import { catalogRefusal } from "../../../../_lib/catalog-access";

export const dynamic = "force-dynamic";

/** Replication rules on the DID, live from Rucio. */
export async function GET(request: NextRequest, context: RouteContext<"/api/datasets/[scope]/[name]/rules">) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const ref = parseDatasetRef(request, await context.params);
  if (!ref.ok) return ref.response;
  return respondWithRucio(ref.value, request.signal, async (): Promise<DatasetRulesResponse> => ({ rules: await listDatasetRules(ref.value, request.signal) }));
}
