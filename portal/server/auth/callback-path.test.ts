import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

const PORTAL = "https://catalog.example.org";

/** Where a browser goes with this value in a Location header (or window.location.assign) on the portal. */
const browserTarget = (path: string) => new URL(path, PORTAL);

const OFF_SITE = [
  // The reported payloads: dot segments removed after the old origin check left "//evil.example".
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/a/..//evil.example",
  "/./\\evil.example",
  // Further spellings of the same trick.
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/a/b/../..//evil.example",
  "/.\\/evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "/\t/evil.example",
  "/.\n//evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5C%5Cevil.example",
  "/%5c/evil.example",
  "/%252F%252Fevil.example",
  "/%25252e%25252e//evil.example",
  "/a/%2e%2e%2f%2fevil.example",
  "/%2e%2e%2f/evil.example",
  "/%09/evil.example",
  "/%",
  "https://evil.example/",
  "http://portal.invalid@evil.example/",
  "//portal.invalid@evil.example",
  "/@evil.example/..//evil.example",
  "javascript:alert(1)",
  "evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(OFF_SITE)("sends %j to / instead", (payload) => {
    expect(safeCallbackPath(payload)).toBe("/");
  });

  it.each([
    ["/stagings", "/stagings"],
    ["/search?q=DAOD_PHYS&page=2", "/search?q=DAOD_PHYS&page=2"],
    ["/datasets/cms_run2/%2FEGamma%2FRun2018A-UL2018%2FMINIAOD", "/datasets/cms_run2/%2FEGamma%2FRun2018A-UL2018%2FMINIAOD"],
    ["/datasets/s/a%5Cb", "/datasets/s/a%5Cb"],
    ["/stagings/abc#files", "/stagings/abc#files"],
    ["/a/../stagings", "/stagings"],
    ["/@evil.example", "/@evil.example"],
    ["/search?next=//evil.example", "/search?next=//evil.example"],
  ])("keeps the portal path %j as %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it("treats a missing value as /", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });

  it.each(OFF_SITE)("never lets a browser leave the portal for %j", (payload) => {
    const result = safeCallbackPath(payload);
    expect(browserTarget(result).origin).toBe(PORTAL);
    expect(result).toMatch(/^\/(?![/\\])/);
  });

  it("gives a path that reads the same when normalised again", () => {
    for (const value of ["/a/../stagings", "/datasets/s/n%20m", "/search?q=a b"]) {
      const once = safeCallbackPath(value);
      expect(safeCallbackPath(once)).toBe(once);
      const target = browserTarget(once);
      expect(`${target.pathname}${target.search}${target.hash}`).toBe(once);
    }
  });
});
