import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/server/auth";
import { HttpError } from "./http-error";

/**
 * Cursors of the live listings (files, contents). Rucio streams these without paging, so a page is an
 * offset into the stream and its cost grows with the offset. A cursor is signed and bound to its DID
 * and listing, so a client reaches an offset only by paging to it, and offsets stop at MAX_OFFSET.
 */
export const MAX_OFFSET = 200_000;

interface Listing {
  kind: "files" | "contents";
  instance: string;
  scope: string;
  name: string;
}

const signatureOf = (listing: Listing, offset: number) =>
  createHmac("sha256", authSecret())
    .update(`offset-cursor\n${listing.kind}\n${listing.instance}\n${listing.scope}\n${listing.name}\n${offset}`)
    .digest()
    .subarray(0, 16);

export function encodeOffsetCursor(listing: Listing, offset: number): string | null {
  if (offset > MAX_OFFSET) return null;
  return `${offset}.${signatureOf(listing, offset).toString("base64url")}`;
}

export function decodeOffsetCursor(listing: Listing, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^(\d{1,7})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  const offset = match ? Number(match[1]) : NaN;
  const given = match ? Buffer.from(match[2]!, "base64url") : Buffer.alloc(0);
  const valid = offset <= MAX_OFFSET && given.length === 16 && timingSafeEqual(given, signatureOf(listing, offset));
  if (!valid) throw new HttpError(400, "cursor is not one this API returned for this listing");
  return offset;
}
