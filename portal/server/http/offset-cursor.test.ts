import { describe, expect, it } from "vitest";
import { decodeOffsetCursor, encodeOffsetCursor, MAX_OFFSET } from "./offset-cursor";

const files = { kind: "files" as const, instance: "default", scope: "s", name: "n" };

describe("signed offset cursors of the live listings", () => {
  it("reads back a cursor it issued for the same listing", () => {
    expect(decodeOffsetCursor(files, encodeOffsetCursor(files, 150)!)).toBe(150);
    expect(decodeOffsetCursor(files, undefined)).toBe(0);
  });

  it("refuses a forged offset, another listing's cursor and the old unsigned format", () => {
    const issued = encodeOffsetCursor(files, 50)!;
    expect(() => decodeOffsetCursor(files, issued.replace(/^50\./, "999999."))).toThrow(/cursor/);
    expect(() => decodeOffsetCursor({ ...files, name: "other" }, issued)).toThrow(/cursor/);
    expect(() => decodeOffsetCursor({ ...files, kind: "contents" }, issued)).toThrow(/cursor/);
    expect(() => decodeOffsetCursor(files, Buffer.from("o:1000000000").toString("base64url"))).toThrow(/cursor/);
  });

  it("issues no cursor past the deepest page", () => {
    expect(encodeOffsetCursor(files, MAX_OFFSET + 1)).toBeNull();
  });
});
