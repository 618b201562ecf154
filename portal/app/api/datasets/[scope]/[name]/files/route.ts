import type { NextRequest } from "next/server";
import { listDatasetFiles } from "@/server/catalog/dataset-details";
import { encodeOffsetCursor } from "../../../_lib/cursor";
import { respondWithRucio } from "../../../_lib/errors";
import { parseDatasetRef, parsePageRequest } from "../../../_lib/request";
import type { DatasetFilesResponse } from "../../../_lib/responses";
import { catalogRefusal } from "../../../../_lib/catalog-access";

export const dynamic = "force-dynamic";

/** One page of the files below a DID, live from Rucio, with sizes and checksums. */
export async function GET(request: NextRequest, context: RouteContext<"/api/datasets/[scope]/[name]/files">) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const ref = parseDatasetRef(request, await context.params);
  if (!ref.ok) return ref.response;
  const page = parsePageRequest(request, 50, 500);
  if (!page.ok) return page.response;
  return respondWithRucio(ref.value, request.signal, async (): Promise<DatasetFilesResponse> => {
    const { items, nextOffset } = await listDatasetFiles(ref.value, page.value.offset, page.value.limit, request.signal);
    return { items, nextCursor: nextOffset === null ? null : encodeOffsetCursor(nextOffset) };
  });
}
