import { describe, expect, it } from "vitest";
import { normalizeBasePath, portalUrl, withBasePath } from "./base-path";

describe("normalizeBasePath", () => {
  it("keeps the root as the empty prefix", () => {
    expect(normalizeBasePath(undefined)).toBe("");
    expect(normalizeBasePath("")).toBe("");
    expect(normalizeBasePath("/")).toBe("");
  });

  it("drops a trailing slash", () => {
    expect(normalizeBasePath("/services/rucio-catalog/")).toBe("/services/rucio-catalog");
  });

  it.each(["services/x", "/a//b", "/a/../b", "/a b", "https://x/y", "/a?b"])("refuses %j", (value) => {
    expect(() => normalizeBasePath(value)).toThrow(/PORTAL_BASE_PATH/);
  });
});

describe("withBasePath", () => {
  it("leaves paths alone at the root", () => {
    expect(withBasePath("/api/search?q=x", "")).toBe("/api/search?q=x");
    expect(withBasePath("/", "")).toBe("/");
  });

  it("puts paths under the prefix", () => {
    expect(withBasePath("/api/stagings", "/services/rucio-catalog")).toBe("/services/rucio-catalog/api/stagings");
    expect(withBasePath("/", "/hub")).toBe("/hub");
  });

  it("refuses what is not a path of this portal", () => {
    expect(() => withBasePath("//evil.example/x", "/hub")).toThrow();
    expect(() => withBasePath("search", "/hub")).toThrow();
  });
});

describe("portalUrl", () => {
  it("joins the origin, the prefix and the path", () => {
    expect(portalUrl("/stagings/abc", "http://127.0.0.1:3000/ignored", "/services/rucio-catalog")).toBe(
      "http://127.0.0.1:3000/services/rucio-catalog/stagings/abc",
    );
    expect(portalUrl("/stagings/abc", "https://portal.example", "")).toBe("https://portal.example/stagings/abc");
  });
});
