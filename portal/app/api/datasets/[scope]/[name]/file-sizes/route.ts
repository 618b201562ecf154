import { fileSizeHistogram } from "@/server/catalog/file-sizes";
import { route } from "@/server/http";
import { didParams, instanceQuery } from "@/server/http/did-input";
import { withDidFailures } from "@/server/http/live-listing";
import type { FileSizeHistogram } from "@/lib/api-responses";

export const dynamic = "force-dynamic";

/** The sizes of the files below the DID as a histogram, live from Rucio (over at most a capped number of files). */
export const GET = route(
  { access: "catalog", params: didParams, query: instanceQuery, rateLimit: "live-rucio" },
  ({ params, query, request }): Promise<FileSizeHistogram> => {
    const ref = { instance: query.instance, ...params };
    return withDidFailures(ref, () => fileSizeHistogram(ref, request.signal));
  },
);
