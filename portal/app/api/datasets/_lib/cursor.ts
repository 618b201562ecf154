/**
 * Cursors for the dataset listings. Rucio streams these listings without paging, so a page is an offset
 * into the stream; it is wrapped so that clients treat it as opaque and the format can change.
 */
const PREFIX = "o:";

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, "utf-8").toString("base64url");
}

export function decodeOffsetCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, "base64url").toString("utf-8");
  if (!text.startsWith(PREFIX)) return null;
  const digits = text.slice(PREFIX.length);
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number(digits);
}
