import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../proxy";
import {
  contentSecurityPolicy,
  newNonce,
  parseFrameAncestors,
  securityHeaders,
  type ResponseContext,
} from "./security-headers";

const NONCE = "bm9uY2Utb2YtdGhpcy10ZXN0";
const at = (pathname: string, extra: Partial<ResponseContext> = {}): ResponseContext => ({
  pathname,
  nonce: NONCE,
  https: false,
  development: false,
  ...extra,
});
/** The policy as a map from directive name to its sources. */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1).join(" ")]),
  );
}

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
    expect(directives(contentSecurityPolicy(at("/datasets/a/b"), allow))["frame-ancestors"]).toBe(
      "'self' https://swan.cern.ch",
    );
    expect(directives(contentSecurityPolicy(at("/api/search"), allow))["frame-ancestors"]).toBe("'none'");
  });
});

describe("content security policy", () => {
  const allow = ["https://swan.cern.ch"];

  it("pages: the portal's script files and inline scripts by this request's nonce, no plugins, no <base>", () => {
    expect(directives(contentSecurityPolicy(at("/search"), allow))).toEqual({
      "default-src": "'self'",
      "script-src": `'self' 'nonce-${NONCE}'`,
      "style-src": "'self'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
      "frame-ancestors": "'self' https://swan.cern.ch",
    });
  });

  it("production pages allow neither eval nor inline code", () => {
    const policy = contentSecurityPolicy(at("/"), allow);
    expect(policy).not.toContain("unsafe-");
    // Keywords only (and images from data: URLs): no host, scheme or wildcard source outside frame-ancestors.
    const { "frame-ancestors": _embedders, ...loading } = directives(policy);
    const sources = Object.values(loading).flatMap((value) => value.split(" "));
    expect(sources.filter((source) => !/^'[a-z0-9+/=-]+'$/i.test(source) && source !== "data:")).toEqual([]);
  });

  it("next dev: eval for React's debugging and inline styles for its overlay, nothing more", () => {
    const dev = directives(contentSecurityPolicy(at("/", { development: true }), allow));
    expect(dev["script-src"]).toBe(`'self' 'nonce-${NONCE}' 'unsafe-eval'`);
    expect(dev["style-src"]).toBe("'self' 'unsafe-inline'");
    expect(dev["object-src"]).toBe("'none'");
  });

  it("API routes: no sources at all, framed by nobody", () => {
    for (const path of ["/api/search", "/%61pi/stagings", "/api"]) {
      expect(contentSecurityPolicy(at(path), allow)).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it("nonces: 144 random bits, base64 as Next.js recognises it, new every time", () => {
    const nonces = Array.from({ length: 50 }, newNonce);
    expect(new Set(nonces).size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });
});

describe("security headers", () => {
  const allow = ["https://swan.cern.ch"];

  it.each(["/", "/search", "/datasets/data18_13TeV/x", "/stagings", "/signin", "/embed/start"])(
    "page %s: embeddable by the allowlist only",
    (path) => {
      const headers = securityHeaders(at(path), allow);
      expect(headers["Content-Security-Policy"]).toContain("; frame-ancestors 'self' https://swan.cern.ch");
      expect(headers["Content-Security-Policy"]).toContain(`'nonce-${NONCE}'`);
      expect(headers["X-Frame-Options"]).toBeUndefined();
    },
  );

  it.each(["/api/search", "/api/stagings/x/progress", "/api/auth/session", "/api"])(
    "API %s: framed by nobody",
    (path) => {
      const headers = securityHeaders(at(path), allow);
      expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["X-Frame-Options"]).toBe("DENY");
    },
  );

  it("embed pages send no referrer: their URLs carry one-time sign-in codes", () => {
    expect(securityHeaders(at("/embed/start"), allow)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders(at("/%65mbed/start"), allow)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders(at("/embedded"), allow)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("a path that only starts like the API is a page", () => {
    expect(securityHeaders(at("/apis"), allow)["X-Frame-Options"]).toBeUndefined();
  });

  it("every response: nosniff, a referrer policy, unused features off, its own opener group", () => {
    for (const path of ["/", "/api/search"]) {
      const headers = securityHeaders(at(path), allow);
      expect(headers["X-Content-Type-Options"]).toBe("nosniff");
      expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
      const features = headers["Permissions-Policy"]!.split(", ");
      expect(features).toEqual(
        expect.arrayContaining(["camera=()", "microphone=()", "geolocation=()", "usb=()", "payment=()"]),
      );
      expect(features.every((feature) => /^[a-z-]+=\(\)$/.test(feature))).toBe(true);
      // The panel's "copy link" needs the clipboard; full screen is left to the embedding page.
      expect(headers["Permissions-Policy"]).not.toMatch(/clipboard|fullscreen/);
    }
  });

  it("Strict-Transport-Security over TLS only: browsers ignore it on plain HTTP", () => {
    for (const path of ["/", "/api/search"]) {
      expect(securityHeaders(at(path, { https: true }), allow)["Strict-Transport-Security"]).toBe("max-age=31536000");
      expect(securityHeaders(at(path), allow)["Strict-Transport-Security"]).toBeUndefined();
    }
  });
});

describe("proxy", () => {
  const headersOf = (path: string, init?: { headers?: Record<string, string> }, origin = "http://portal.test") =>
    proxy(new NextRequest(`${origin}${path}`, init)).headers;
  const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

  it("sets the headers on pages and API routes", () => {
    const page = headersOf("/datasets/data18_13TeV/x");
    expect(page.get("content-security-policy")).toMatch(
      /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]{24}';/,
    );
    expect(page.get("content-security-policy")).toMatch(/; frame-ancestors 'self' http:\/\/127\.0\.0\.1:8888/);
    expect(page.get("x-frame-options")).toBeNull();
    expect(page.get("permissions-policy")).toContain("camera=()");
    expect(page.get("strict-transport-security")).toBeNull();
    const api = headersOf("/api/stagings");
    expect(api.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.get("x-frame-options")).toBe("DENY");
    expect(api.get("x-content-type-options")).toBe("nosniff");
    expect(api.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("hands Next.js the policy and the layout the nonce, replacing what the client sent", () => {
    const forged = { "content-security-policy": "script-src 'nonce-forged'", "x-nonce": "forged" };
    const headers = headersOf("/search", { headers: forged });
    const policy = headers.get("content-security-policy");
    // NextResponse.next({ request }) passes request headers on to the render as x-middleware-request-*.
    expect(headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(policy));
    expect(nonceOf(policy)).not.toBe("forged");
  });

  it("a new nonce for every request", () => {
    const nonces = Array.from({ length: 5 }, () => nonceOf(headersOf("/").get("content-security-policy")));
    expect(new Set(nonces).size).toBe(5);
  });

  it("Strict-Transport-Security on requests that came over TLS", () => {
    expect(headersOf("/", undefined, "https://portal.test").get("strict-transport-security")).toBe("max-age=31536000");
    expect(headersOf("/api/health", undefined, "https://portal.test").get("strict-transport-security")).toBe(
      "max-age=31536000",
    );
  });

  it("treats an encoded or dotted path by what it resolves to", () => {
    expect(headersOf("/search/../api/search").get("x-frame-options")).toBe("DENY");
    expect(headersOf("/%61pi/search").get("x-frame-options")).toBe("DENY");
    expect(headersOf("/%zz").get("x-frame-options")).toBeNull();
  });
});
