import { describe, expect, it } from "vitest";
import { isAllowedOrigin, normalizeOrigin } from "./origin";

const allowList = ["http://127.0.0.1:3000", "https://swan.cern.ch/"];

describe("isAllowedOrigin", () => {
  it.each(["http://127.0.0.1:3000", "https://swan.cern.ch"])("accepts listed origin %s", (origin) => {
    expect(isAllowedOrigin(origin, allowList)).toBe(true);
  });

  it("compares allow-list entries given as URLs by their origin", () => {
    expect(isAllowedOrigin("https://catalog.example.org", ["https://catalog.example.org/portal/?x=1"])).toBe(true);
  });

  it.each([
    ["another port", "http://127.0.0.1:3001"],
    ["another scheme", "https://127.0.0.1:3000"],
    ["a subdomain", "https://evil.swan.cern.ch"],
    ["a lookalike suffix", "https://swan.cern.ch.evil.org"],
    ["the opaque null origin", "null"],
    ["an origin with a path", "https://swan.cern.ch/path"],
    ["an origin with credentials", "https://user@swan.cern.ch"],
    ["an origin with an explicit default port", "https://swan.cern.ch:443"],
    ["an empty string", ""],
  ])("rejects %s", (_label, origin) => {
    expect(isAllowedOrigin(origin, allowList)).toBe(false);
  });

  it("rejects everything when the allow list is empty or holds no valid origin", () => {
    expect(isAllowedOrigin("http://127.0.0.1:3000", [])).toBe(false);
    expect(isAllowedOrigin("http://127.0.0.1:3000", ["*", "127.0.0.1:3000"])).toBe(false);
  });
});

describe("normalizeOrigin", () => {
  it("lowercases the host and drops default ports and paths", () => {
    expect(normalizeOrigin("HTTPS://Swan.CERN.ch:443/lab?x")).toBe("https://swan.cern.ch");
  });

  it.each(["javascript:alert(1)", "file:///etc/passwd", "not a url"])("refuses %s", (value) => {
    expect(normalizeOrigin(value)).toBeNull();
  });
});
