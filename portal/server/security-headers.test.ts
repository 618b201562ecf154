import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, parseFrameAncestors } from "./security-headers";

describe("frame-ancestors allowlist", () => {
  it("defaults to the local JupyterLab origins", () => {
    expect(parseFrameAncestors(undefined)).toEqual(["http://127.0.0.1:8888", "http://localhost:8888"]);
  });

  it("accepts space- or comma-separated origins and normalises a trailing slash", () => {
    expect(parseFrameAncestors("https://swan.cern.ch/, https://hub.example.org")).toEqual([
      "https://swan.cern.ch",
      "https://hub.example.org",
    ]);
  });

  it.each(["*", "https://swan.cern.ch/lab", "javascript:alert(1)", "https://*.cern.ch"])("refuses %s", (value) => {
    expect(() => parseFrameAncestors(value)).toThrow();
  });

  it("lets pages be framed by the allowlist and API routes by nobody", () => {
    const allow = ["https://swan.cern.ch"];
    expect(contentSecurityPolicy("/datasets/a/b", allow)).toBe("frame-ancestors 'self' https://swan.cern.ch");
    expect(contentSecurityPolicy("/api/search", allow)).toBe("frame-ancestors 'none'");
  });
});
