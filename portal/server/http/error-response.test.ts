import { describe, expect, it, vi } from "vitest";
import { QuerySyntaxError } from "@/lib/catalog/query";
import { SearchTimeoutError } from "@/server/catalog/search";
import { RucioNotFoundError, RucioUnavailableError } from "@/server/rucio";
import { errorResponse } from "./error-response";
import { HttpError } from "./http-error";

const request = () => new Request("http://portal.test/api/x");
const answer = async (error: unknown) => {
  const response = errorResponse(error, request(), "test");
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { error: Record<string, unknown> },
  };
};

describe("the one error envelope", () => {
  it("keeps a refusal's status, words and details", async () => {
    expect(await answer(new HttpError(409, "already staged", { staging: { id: "s1" } }))).toMatchObject({
      status: 409,
      body: { error: { message: "already staged" }, staging: { id: "s1" } },
    });
    expect(await answer(new QuerySyntaxError("unexpected ')'", 4, 1))).toMatchObject({
      status: 400,
      body: { error: { position: 4, length: 1 } },
    });
  });

  it("answers a search past its deadline with 503 and Retry-After", async () => {
    expect(await answer(new SearchTimeoutError())).toMatchObject({
      status: 503,
      retryAfter: "5",
      body: { error: { message: expect.stringMatching(/narrow it/) } },
    });
  });

  it("says which instance is unreachable but not where it lives", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const down = await answer(
      new RucioUnavailableError('Rucio instance "default" is unreachable at http://10.0.0.7:8080 (GET /scopes/)', {
        instance: "default",
      }),
    );
    expect(down.status).toBe(503);
    expect(JSON.stringify(down.body)).not.toContain("10.0.0.7");
    expect(
      (await answer(new RucioNotFoundError("no such scope", { instance: "default", exceptionClass: "ScopeNotFound" })))
        .status,
    ).toBe(404);
  });

  it("hides anything unexpected behind a logged 500", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await answer(new Error("SELECT secret FROM t"))).toEqual({
      status: 500,
      retryAfter: null,
      body: { error: { message: expect.not.stringContaining("secret") } },
    });
    expect(logged).toHaveBeenCalled();
  });
});
