import { fileSizeHistogram } from "@/server/catalog/file-sizes";
import { liveDidRoute } from "@/server/http/live-listing";

export const dynamic = "force-dynamic";

/** The sizes of the files below the DID as a histogram, live from Rucio (over at most a capped number of files). */
export const GET = liveDidRoute(fileSizeHistogram);
