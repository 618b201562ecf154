import "server-only";
import { listFiles, serviceCaller } from "@/server/rucio";
import { binSizes } from "@/lib/catalog/size-bins";
import type { FileSizeHistogram } from "@/lib/api-responses";
import type { DatasetRef } from "./dataset-details";

/** Files read for one histogram: Rucio lists files one record each, with no aggregate of their sizes. */
export const MAX_HISTOGRAM_FILES = 10_000;

/**
 * The sizes of the files below a DID as a histogram, from Rucio's file listing (datasets and containers
 * alike). Past `maxFiles` the listing is cancelled and the histogram says it is partial.
 */
export async function fileSizeHistogram(
  ref: DatasetRef,
  signal?: AbortSignal,
  maxFiles = MAX_HISTOGRAM_FILES,
): Promise<FileSizeHistogram> {
  const sizes: number[] = [];
  let unsized = 0;
  let complete = true;
  for await (const file of listFiles(serviceCaller(ref.instance, signal), ref.scope, ref.name, { long: false })) {
    if (sizes.length + unsized >= maxFiles) {
      complete = false;
      break;
    }
    if (file.bytes === null) unsized += 1;
    else sizes.push(file.bytes);
  }
  return { files: sizes.length + unsized, unsized, complete, ...binSizes(sizes) };
}
