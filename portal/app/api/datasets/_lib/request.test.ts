import { describe, expect, it } from "vitest";
import { RucioAuthenticationError, RucioError, RucioInvalidInputError, RucioNotFoundError, RucioUnavailableError } from "@/server/rucio";
import { decodeOffsetCursor, encodeOffsetCursor } from "./cursor";
import { describeRucioFailure } from "./errors";
import { parseDatasetRef, parsePageRequest } from "./request";

const request = (query = "") => new Request(`http://portal.test/api/datasets/s/n${query}`);

async function rejected(parsed: { ok: boolean; response?: Response }) {
  expect(parsed.ok).toBe(false);
  const response = parsed.response!;
  return { status: response.status, body: (await response.json()) as { error: { message: string } } };
}

describe("dataset API input", () => {
  it("accepts a DID with '/' and other characters in its name, on the default instance", () => {
    expect(parseDatasetRef(request(), { scope: "cms_run2", name: "/EGamma/Run2018A-UL2018/MINIAOD" })).toEqual({
      ok: true,
      value: { instance: "default", scope: "cms_run2", name: "/EGamma/Run2018A-UL2018/MINIAOD" },
    });
  });

  it("answers 400 with a message for a bad scope, an over-long name or an unknown instance", async () => {
    expect(await rejected(parseDatasetRef(request(), { scope: "bad scope", name: "x" }))).toMatchObject({
      status: 400, body: { error: { message: expect.stringContaining("scope") } },
    });
    expect((await rejected(parseDatasetRef(request(), { scope: "s", name: "x".repeat(501) }))).body.error.message).toContain("500");
    expect((await rejected(parseDatasetRef(request(), { scope: "s", name: "a\u0000b" }))).body.error.message).toContain("control");
    expect((await rejected(parseDatasetRef(request("?instance=elsewhere"), { scope: "s", name: "x" }))).body.error.message).toContain("instance");
  });

  it.each([
    ["'..' as the scope", { scope: "..", name: "x" }, /scope cannot be/],
    ["'.' as the name", { scope: "s", name: "." }, /name cannot be/],
    ["'..' as the name", { scope: "s", name: ".." }, /name cannot be/],
    ["'..' between slashes", { scope: "s", name: "/a/../../accounts/root" }, /name cannot be/],
    ["a space", { scope: "s", name: "a b" }, /printable ASCII/],
    ["a right-to-left override", { scope: "s", name: "\u202ex" }, /printable ASCII/],
  ])("refuses %s before Rucio sees it", async (_label, params, message) => {
    expect((await rejected(parseDatasetRef(request(), params))).body.error.message).toMatch(message);
  });

  it("keeps dots that are part of a name", () => {
    expect(parseDatasetRef(request(), { scope: "s", name: "...a/b..c/.d" }).ok).toBe(true);
  });

  it("reads page cursors it issued and rejects anything else", async () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(150))).toBe(150);
    expect(parsePageRequest(request(`?cursor=${encodeOffsetCursor(50)}&limit=25`), 50, 500)).toEqual({ ok: true, value: { offset: 50, limit: 25 } });
    expect(parsePageRequest(request(), 50, 500)).toEqual({ ok: true, value: { offset: 0, limit: 50 } });
    expect((await rejected(parsePageRequest(request("?cursor=bm9wZQ"), 50, 500))).body.error.message).toContain("cursor");
    expect((await rejected(parsePageRequest(request("?limit=501"), 50, 500))).body.error.message).toContain("at most 500");
    expect((await rejected(parsePageRequest(request("?limit=abc"), 50, 500))).status).toBe(400);
  });
});

describe("Rucio failures seen by API clients", () => {
  const ref = { instance: "default", scope: "s", name: "n" };
  const details = { instance: "default" };

  it("maps a missing DID to 404 and an unreachable or refusing Rucio to 503", () => {
    expect(describeRucioFailure(new RucioNotFoundError("gone", details), ref).status).toBe(404);
    const unreachable = describeRucioFailure(new RucioUnavailableError("connect ECONNREFUSED 127.0.0.1:8080", details), ref);
    expect(unreachable.status).toBe(503);
    expect(unreachable.message).toMatch(/Rucio instance "default" is unreachable.*ECONNREFUSED/);
    expect(describeRucioFailure(new RucioAuthenticationError("bad service password", details), ref).status).toBe(503);
  });

  it("keeps Rucio's own failures apart from the user's input", () => {
    expect(describeRucioFailure(new RucioInvalidInputError("bad name", details), ref).status).toBe(400);
    expect(describeRucioFailure(new RucioError("boom", details), ref).status).toBe(502);
  });
});
