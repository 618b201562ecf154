import { NextResponse, type NextRequest } from "next/server";
import { getCatalogDataset, getLiveDataset, type LiveDataset } from "@/server/catalog/dataset-details";
import { RucioError } from "@/server/rucio";
import { CLIENT_CLOSED_REQUEST, describeRucioFailure } from "../../_lib/errors";
import { parseDatasetRef } from "../../_lib/request";
import type { DatasetDetailsResponse } from "../../_lib/responses";
import { catalogRefusal } from "../../../_lib/catalog-access";

export const dynamic = "force-dynamic";

/**
 * A DID's catalog entry and its live state in Rucio. When Rucio cannot be read the catalog entry is
 * still returned (with liveError); only a DID neither side knows is a 404, and only an unknown DID while
 * Rucio is unreachable is a 503.
 */
export async function GET(request: NextRequest, context: RouteContext<"/api/datasets/[scope]/[name]">) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const parsed = parseDatasetRef(request, await context.params);
  if (!parsed.ok) return parsed.response;
  const ref = parsed.value;
  const [catalog, liveResult] = await Promise.all([
    getCatalogDataset(ref),
    getLiveDataset(ref, request.signal).then(
      (live): { live: LiveDataset } => ({ live }),
      (error: unknown): { error: RucioError } | { aborted: true } => {
        if (request.signal.aborted) return { aborted: true };
        if (error instanceof RucioError) return { error };
        throw error;
      },
    ),
  ]);
  if ("aborted" in liveResult) return new NextResponse(null, { status: CLIENT_CLOSED_REQUEST });
  if ("error" in liveResult) {
    const failure = describeRucioFailure(liveResult.error, ref);
    if (!catalog) return NextResponse.json({ error: { message: failure.message } }, { status: failure.status });
    const body: DatasetDetailsResponse = { ...ref, catalog, live: null, liveError: failure.message };
    return NextResponse.json(body);
  }
  const body: DatasetDetailsResponse = { ...ref, catalog, live: liveResult.live, liveError: null };
  return NextResponse.json(body);
}
