import "server-only";
import type { SearchSort } from "@/lib/catalog/types";
import type { KeyKind, KeyValue } from "./sorts";

/**
 * The keyset cursor: where the last page ended (segment of the sort, its key values) and which query
 * and sort it belongs to, as base64url JSON. Opaque to clients; validated field by field on the way in.
 */
export interface CursorPosition {
  segment: number;
  keys: KeyValue[];
}

interface Encoded {
  v: 1;
  s: SearchSort;
  q: string;
  g: number;
  k: KeyValue[];
}

/** Why a cursor was refused; the API answers 400 with this message. */
export class CursorError extends Error {
  override readonly name = "CursorError";
}

const MAX_CURSOR_LENGTH = 2048;

/** A short fingerprint of the query a cursor was issued for (FNV-1a, 32 bits). */
export function queryFingerprint(queryKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < queryKey.length; i++) {
    hash ^= queryKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function encodeCursor(sort: SearchSort, queryKey: string, position: CursorPosition): string {
  const encoded: Encoded = { v: 1, s: sort, q: queryFingerprint(queryKey), g: position.segment, k: position.keys };
  return Buffer.from(JSON.stringify(encoded), "utf8").toString("base64url");
}

/** Reads a cursor issued for this query and sort; `segments` gives the key kinds of each sort segment. */
export function decodeCursor(
  cursor: string,
  sort: SearchSort,
  queryKey: string,
  segments: KeyKind[][],
): CursorPosition {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw new CursorError("The cursor is malformed");
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new CursorError("The cursor is malformed");
  }
  const encoded = value as Partial<Encoded> | null;
  if (
    typeof encoded !== "object" ||
    encoded === null ||
    encoded.v !== 1 ||
    typeof encoded.s !== "string" ||
    typeof encoded.q !== "string"
  ) {
    throw new CursorError("The cursor is malformed");
  }
  if (encoded.s !== sort) throw new CursorError("The cursor belongs to another sort order");
  if (encoded.q !== queryFingerprint(queryKey)) throw new CursorError("The cursor belongs to another query");
  const segment = encoded.g;
  if (typeof segment !== "number" || !Number.isInteger(segment) || segment < 0 || segment >= segments.length) {
    throw new CursorError("The cursor is malformed");
  }
  const kinds = segments[segment]!;
  const keys = encoded.k;
  if (!Array.isArray(keys) || keys.length !== kinds.length || !keys.every((key, i) => validKey(key, kinds[i]!))) {
    throw new CursorError("The cursor is malformed");
  }
  return { segment, keys };
}

function validKey(key: unknown, kind: KeyKind): key is KeyValue {
  // PostgreSQL text cannot hold NUL: such a key could only be forged, and would fail the query.
  if (kind === "text") return typeof key === "string" && key.length <= 1024 && !key.includes("\u0000");
  return typeof key === "number" && Number.isSafeInteger(key);
}
