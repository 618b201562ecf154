import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPortalUrl } from "./portal-url";
import { readShareLink, SHARE_LINK_PATTERN, withoutShareParams } from "./share-link";

const offPortal = (
  JSON.parse(readFileSync(new URL("../../protocol/test-vectors/off-portal-paths.json", import.meta.url), "utf8")) as {
    offPortal: string[];
  }
).offPortal;

const link = (value: string, extra = "") => `?${extra}rucio-catalog=${encodeURIComponent(value)}`;

describe("readShareLink", () => {
  it("opens a dataset page, rebuilt canonically", () => {
    expect(readShareLink(link("/datasets/data18_13TeV/DAOD_PHYS.r1?instance=cms"))).toEqual({
      kind: "open",
      path: "/datasets/data18_13TeV/DAOD_PHYS.r1?instance=cms",
      describe: "data18_13TeV:DAOD_PHYS.r1",
    });
    // A name with '/' as several segments comes back as one encoded segment.
    expect(readShareLink(link("/datasets/user.jdoe/a/b.root"))).toMatchObject({
      kind: "open",
      path: "/datasets/user.jdoe/a%2Fb.root",
    });
  });

  it("opens a search with its query and sort", () => {
    expect(readShareLink(link("/search?q=DAOD_PHYS%20run%3A348885&sort=newest", "token=abc&"))).toEqual({
      kind: "open",
      path: "/search?q=DAOD_PHYS+run%3A348885&sort=newest",
      describe: 'the search "DAOD_PHYS run:348885"',
    });
  });

  it("does nothing without catalog parameters", () => {
    expect(readShareLink("?token=abc&reset")).toEqual({ kind: "none" });
    expect(SHARE_LINK_PATTERN.test("/lab?token=abc")).toBe(false);
    expect(SHARE_LINK_PATTERN.test("/lab?token=abc&rucio-catalog=%2Fsearch")).toBe(true);
    expect(SHARE_LINK_PATTERN.test("/lab?rucio-catalog-x=1")).toBe(true);
  });

  it.each([
    ["a javascript: URL", "javascript:alert(document.domain)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["another origin", "https://evil.example/datasets/a/b"],
    ["a protocol-relative URL", "//evil.example/datasets/a/b"],
    ["a backslash path", "/\\evil.example"],
    ["path traversal in the name", "/datasets/scope/../../api/stage"],
    ["encoded path traversal", "/datasets/scope/%2e%2e/x"],
    ["traversal as the scope", "/datasets/../api/x"],
    ["another portal page", "/api/stage"],
    ["the sign-in page", "/auth/signin?callbackUrl=https://evil.example"],
    ["a fragment", "/datasets/a/b#x"],
    ["an unknown page parameter", "/datasets/a/b?callbackUrl=https://evil.example"],
    ["a repeated parameter", "/search?q=a&q=b"],
    ["a hostile instance", "/datasets/a/b?instance=../x"],
    ["a malformed escape", "/datasets/a/%E0%A4%A"],
    ["a control character in a query", "/search?q=a%0Ab"],
    ["an oversized link", `/search?q=${"a".repeat(5000)}`],
    ["an oversized query", `/search?q=${"a".repeat(2001)}`],
    ["an oversized name", `/datasets/a/${"n".repeat(501)}`],
    ["a relative path", "datasets/a/b"],
    ["an empty value", ""],
  ])("refuses %s", (_, value) => {
    const request = readShareLink(link(value));
    expect(request.kind).toBe("refused");
  });

  it.each(offPortal)("refuses the off-portal path %j", (value) => {
    expect(readShareLink(link(value)).kind).toBe("refused");
  });

  it("refuses unknown catalog parameters even beside a valid link", () => {
    const request = readShareLink(`${link("/search?q=a")}&rucio-catalog-portal=https://evil.example`);
    expect(request).toEqual({
      kind: "refused",
      reasons: ['"rucio-catalog-portal" is not a Rucio Catalog link parameter'],
    });
  });

  it("refuses the parameter given twice", () => {
    expect(readShareLink(`${link("/search?q=a")}&${link("/search?q=b").slice(1)}`).kind).toBe("refused");
  });

  it("always resolves what it opens against the configured portal", () => {
    for (const value of ["/datasets/a/b", "/search?q=x"]) {
      const request = readShareLink(link(value));
      if (request.kind !== "open") throw new Error(`expected ${value} to open`);
      const url = new URL(buildPortalUrl("https://hub.example/services/rucio-catalog/", "light", request.path));
      expect(url.origin).toBe("https://hub.example");
      expect(url.pathname.startsWith("/services/rucio-catalog/")).toBe(true);
    }
  });
});

describe("withoutShareParams", () => {
  it("removes the catalog's parameters and keeps JupyterLab's", () => {
    expect(withoutShareParams("http://127.0.0.1:8888/lab?token=abc&rucio-catalog=%2Fsearch&rucio-catalog-x=1#h")).toBe(
      "http://127.0.0.1:8888/lab?token=abc#h",
    );
  });
});
