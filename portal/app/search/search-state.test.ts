import { describe, expect, it } from "vitest";
import { parseSearchState, searchApiUrl, searchHref } from "./search-state";

describe("search state in the URL", () => {
  it("round-trips a search through its link", () => {
    const state = { q: 'datatype:DAOD_PHYS "physics Main" run>=350000', sort: "size" as const, cursor: "abc" };
    const href = searchHref(state);
    expect(parseSearchState(new URL(href, "http://portal.test").searchParams)).toEqual(state);
  });

  it("leaves defaults out so that one search has one link", () => {
    expect(searchHref({ q: "", sort: "relevance", cursor: null })).toBe("/search");
    expect(searchHref({ q: "ttbar", sort: "relevance", cursor: null })).toBe("/search?q=ttbar");
  });

  it("falls back to defaults for unusable parameters, from either source", () => {
    expect(parseSearchState({ q: ["a", "b"], sort: "random", cursor: "" })).toEqual({
      q: "a",
      sort: "relevance",
      cursor: null,
    });
    expect(parseSearchState(new URLSearchParams())).toEqual({ q: "", sort: "relevance", cursor: null });
  });

  it("always names the sort in API calls", () => {
    expect(searchApiUrl({ q: "x y", sort: "relevance" }, null, 10)).toBe("/api/search?q=x+y&sort=relevance&limit=10");
    expect(searchApiUrl({ q: "", sort: "name" }, "c1", 10)).toBe("/api/search?q=&sort=name&limit=10&cursor=c1");
  });
});
