import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../proxy";
import { contentSecurityPolicy, parseFrameAncestors, securityHeaders } from "./security-headers";

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

describe("security headers", () => {
  const allow = ["https://swan.cern.ch"];

  it.each(["/", "/search", "/datasets/data18_13TeV/x", "/stagings", "/signin", "/embed/start"])("page %s: embeddable by the allowlist only", (path) => {
    const headers = securityHeaders(path, allow);
    expect(headers["Content-Security-Policy"]).toBe("frame-ancestors 'self' https://swan.cern.ch");
    expect(headers["X-Frame-Options"]).toBeUndefined();
  });

  it.each(["/api/search", "/api/stagings/x/progress", "/api/auth/session", "/api"])("API %s: framed by nobody", (path) => {
    const headers = securityHeaders(path, allow);
    expect(headers["Content-Security-Policy"]).toBe("frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });

  it("embed pages send no referrer: their URLs carry one-time sign-in codes", () => {
    expect(securityHeaders("/embed/start", allow)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/%65mbed/start", allow)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/embedded", allow)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("a path that only starts like the API is a page", () => {
    expect(securityHeaders("/apis", allow)["X-Frame-Options"]).toBeUndefined();
  });

  it("every response: nosniff, a referrer policy, unused features off, its own opener group", () => {
    for (const path of ["/", "/api/search"]) {
      const headers = securityHeaders(path, allow);
      expect(headers["X-Content-Type-Options"]).toBe("nosniff");
      expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
      const features = headers["Permissions-Policy"]!.split(", ");
      expect(features).toEqual(expect.arrayContaining(["camera=()", "microphone=()", "geolocation=()", "usb=()", "payment=()"]));
      expect(features.every((feature) => /^[a-z-]+=\(\)$/.test(feature))).toBe(true);
      // The panel's "copy link" needs the clipboard; full screen is left to the embedding page.
      expect(headers["Permissions-Policy"]).not.toMatch(/clipboard|fullscreen/);
    }
  });
});

describe("proxy", () => {
  const headersOf = (path: string) => proxy(new NextRequest(`http://portal.test${path}`)).headers;

  it("sets the headers on pages and API routes", () => {
    const page = headersOf("/datasets/data18_13TeV/x");
    expect(page.get("content-security-policy")).toMatch(/^frame-ancestors 'self' http:\/\/127\.0\.0\.1:8888/);
    expect(page.get("x-frame-options")).toBeNull();
    expect(page.get("permissions-policy")).toContain("camera=()");
    const api = headersOf("/api/stagings");
    expect(api.get("content-security-policy")).toBe("frame-ancestors 'none'");
    expect(api.get("x-frame-options")).toBe("DENY");
    expect(api.get("x-content-type-options")).toBe("nosniff");
    expect(api.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("treats an encoded or dotted path by what it resolves to", () => {
    expect(headersOf("/search/../api/search").get("x-frame-options")).toBe("DENY");
    expect(headersOf("/%61pi/search").get("x-frame-options")).toBe("DENY");
    expect(headersOf("/%zz").get("x-frame-options")).toBeNull();
  });
});
