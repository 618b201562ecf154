import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, fetchJson } from "./api-client";

function answer(status: number, body: string) {
  const fetchMock = vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function refusalOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchJson", () => {
  it("returns the JSON of a 2xx answer and sends a JSON body with its content type", async () => {
    const fetchMock = answer(201, JSON.stringify({ staging: { id: "s1" } }));
    await expect(
      fetchJson("/api/stagings", { method: "POST", json: { scope: "user.jdoe" }, cache: "no-store" }),
    ).resolves.toEqual({
      staging: { id: "s1" },
    });
    expect(fetchMock).toHaveBeenCalledWith("/api/stagings", {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: '{"scope":"user.jdoe"}',
      signal: undefined,
      cache: "no-store",
    });
  });

  it("throws the envelope's message with a query error's position and length", async () => {
    answer(400, JSON.stringify({ error: { message: "Unknown field 'colour'", position: 4, length: 6 } }));
    const error = await refusalOf(fetchJson("/api/search?q=x"));
    expect([error.status, error.message, error.position, error.length]).toEqual([400, "Unknown field 'colour'", 4, 6]);
  });

  it("keeps the staging and the signed-in user the envelope carries", async () => {
    answer(
      409,
      JSON.stringify({
        error: { message: "Someone else", signedInAs: "alice", account: "jdoe" },
        staging: { id: "s2" },
      }),
    );
    const error = await refusalOf(fetchJson("/api/embed/redemptions", { method: "POST", json: {} }));
    expect(error.body).toEqual({
      error: { message: "Someone else", signedInAs: "alice", account: "jdoe" },
      staging: { id: "s2" },
    });
  });

  it("says which status came back when the answer has no envelope, and drops fields of the wrong type", async () => {
    answer(502, "<html>Bad gateway</html>");
    const bare = await refusalOf(fetchJson("/api/instances"));
    expect([bare.status, bare.message, bare.body]).toEqual([502, "The portal answered HTTP 502", undefined]);

    answer(400, JSON.stringify({ error: { message: "bad", position: "4", signedInAs: 7 } }));
    const odd = await refusalOf(fetchJson("/api/search"));
    expect([odd.position, odd.body]).toEqual([undefined, { error: { message: "bad" } }]);
  });
});
