import { describe, expect, it } from "vitest";
import { CursorError, decodeCursor, encodeCursor } from "./cursor";

const KINDS = [["date", "number"] as const, ["number"] as const].map((kinds) => [...kinds]);
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const valid = { v: 1, s: "newest", g: 0, k: [1_530_000_000_000, 42] };

function refusal(cursor: string, sort = "newest" as const, query = "q") {
  try {
    decodeCursor(cursor, sort, query, KINDS);
  } catch (error) {
    expect(error).toBeInstanceOf(CursorError);
    return (error as Error).message;
  }
  throw new Error("cursor accepted");
}

describe("keyset cursors", () => {
  it("round-trip a position for the same query and sort", () => {
    const cursor = encodeCursor("newest", "q", { segment: 1, keys: [7] });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "newest", "q", KINDS)).toEqual({ segment: 1, keys: [7] });
  });

  it("are refused for another sort or another query", () => {
    const cursor = encodeCursor("newest", "datatype:AOD", { segment: 0, keys: [1, 2] });
    expect(refusal(cursor, "newest", "datatype:ESD")).toMatch(/another query/);
    expect(refusal(encodeCursor("size", "q", { segment: 0, keys: [1, 2] }))).toMatch(/another sort/);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["JSON null", raw(null)],
    ["another version", raw({ ...valid, v: 2 })],
    ["a segment the sort does not have", raw({ ...valid, g: 2 })],
    ["a fractional segment", raw({ ...valid, g: 0.5 })],
    ["keys of the wrong count", raw({ ...valid, k: [1] })],
    ["a text key where a number belongs", raw({ ...valid, k: ["2018-01-01", 42] })],
    ["an unsafe integer", raw({ ...valid, k: [2 ** 60, 42] })],
    ["no keys", raw({ ...valid, k: null })],
    ["too long", "A".repeat(3000)],
  ])("are refused when they hold %s", (_what, cursor) => {
    const fingerprinted = cursor.length < 100 && !cursor.includes("+") ? withFingerprint(cursor) : cursor;
    expect(refusal(fingerprinted)).toMatch(/malformed/);
  });
});

/** The same payload carrying the fingerprint of query "q", so only the field under test is wrong. */
function withFingerprint(cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (value && typeof value === "object") {
      const q = JSON.parse(
        Buffer.from(encodeCursor("newest", "q", { segment: 0, keys: [] }), "base64url").toString(),
      ).q;
      return raw({ ...value, q });
    }
  } catch {
    // not JSON: leave it as it is
  }
  return cursor;
}
