import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

const PORTAL = "https://catalog.example.org";

/** Where a browser goes with this value in a Location header (or window.location.assign) on the portal. */
const browserTarget = (path: string) => new URL(path, PORTAL);

// Shared with the server extension's tests (its `next` check follows the same rules).
const OFF_SITE = (
  JSON.parse(
    readFileSync(new URL("../../../protocol/test-vectors/off-portal-paths.json", import.meta.url), "utf8"),
  ) as { offPortal: string[] }
).offPortal;

describe("safeCallbackPath", () => {
  it.each(OFF_SITE)("sends %j to / instead", (payload) => {
    expect(safeCallbackPath(payload)).toBe("/");
  });

  it.each([
    ["/stagings", "/stagings"],
    ["/search?q=DAOD_PHYS&page=2", "/search?q=DAOD_PHYS&page=2"],
    [
      "/datasets/cms_run2/%2FEGamma%2FRun2018A-UL2018%2FMINIAOD",
      "/datasets/cms_run2/%2FEGamma%2FRun2018A-UL2018%2FMINIAOD",
    ],
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
