import type { NextRequest } from "next/server";
import { listDatasetContents } from "@/server/catalog/dataset-details";
import { encodeOffsetCursor } from "../../../_lib/cursor";
import { respondWithRucio } from "../../../_lib/errors";
import { parseDatasetRef, parsePageRequest } from "../../../_lib/request";
import type { DatasetContentsResponse } from "../../../_lib/responses";
import { catalogRefusal } from "../../../../_lib/catalog-access";

export const dynamic = "force-dynamic";

/** One page of a collection's direct children, live from Rucio. */
export async function GET(request: NextRequest, context: RouteContext<"/api/datasets/[scope]/[name]/contents">) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const ref = parseDatasetRef(request, await context.params);
  if (!ref.ok) return ref.response;
  const page = parsePageRequest(request, 50, 500);
  if (!page.ok) return page.response;
  return respondWithRucio(ref.value, request.signal, async (): Promise<DatasetContentsResponse> => {
    const { items, nextOffset } = await listDatasetContents(ref.value, page.value.offset, page.value.limit, request.signal);
    return { items, nextCursor: nextOffset === null ? null : encodeOffsetCursor(nextOffset) };
  });
}
