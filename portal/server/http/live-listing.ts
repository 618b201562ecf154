import "server-only";
import { z } from "zod";
import type { DatasetRef, Page } from "@/server/catalog/dataset-details";
import { RucioError } from "@/server/rucio";
import type { PageResponse } from "@/lib/api-responses";
import { didParams, instanceQuery } from "./did-input";
import { HttpError } from "./http-error";
import { decodeOffsetCursor, encodeOffsetCursor } from "./offset-cursor";
import { pageLimit } from "./page-limit";
import { describeRucioFailure } from "./rucio-failure";
import { route } from "./route";

export const MAX_PAGE_SIZE = 500;

/** `?instance=&cursor=&limit=` of the live listings. */
export const liveListingQuery = instanceQuery.extend({
  cursor: z.string().max(200, "cursor is not one this API returned").optional(),
  limit: pageLimit(MAX_PAGE_SIZE),
});

/** Runs a live Rucio read about one DID; its failures become answers that name the DID. */
export async function withDidFailures<T>(ref: DatasetRef, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RucioError)) throw error;
    const failure = describeRucioFailure(error, ref);
    throw new HttpError(failure.status, failure.message);
  }
}

/**
 * A GET route about one DID (`/api/datasets/{scope}/{name}/…?instance=`) answering with what `read`
 * finds live in Rucio for any catalog reader; Rucio's failures name the DID.
 */
export function liveDidRoute<T>(read: (ref: DatasetRef, signal: AbortSignal) => Promise<T>) {
  return route(
    { access: "catalog", params: didParams, query: instanceQuery, rateLimit: "live-rucio" },
    ({ params, query, request }): Promise<T> => {
      const ref = { instance: query.instance, ...params };
      return withDidFailures(ref, () => read(ref, request.signal));
    },
  );
}

type Listing = DatasetRef & { kind: "files" | "contents" };
type ReadPage<T> = (ref: DatasetRef, offset: number, limit: number, signal: AbortSignal) => Promise<Page<T>>;

/** One page of a live listing, addressed by a cursor this API signed for the same listing. */
export async function readLivePage<T>(
  listing: Listing,
  query: { cursor?: string; limit: number },
  signal: AbortSignal,
  read: ReadPage<T>,
): Promise<PageResponse<T>> {
  const offset = decodeOffsetCursor(listing, query.cursor);
  const { items, nextOffset } = await withDidFailures(listing, () => read(listing, offset, query.limit, signal));
  const nextCursor = nextOffset === null ? null : encodeOffsetCursor(listing, nextOffset);
  return { items, nextCursor, ...(nextOffset !== null && nextCursor === null ? { truncated: true } : {}) };
}
