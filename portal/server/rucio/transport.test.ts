import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay } from "./transport";
import {
  jsonResponse,
  loadGateway,
  rucioError,
  streamResponse,
  type StubHandler,
  type StubResponse,
} from "./test-support";
import { useStubRucio } from "./stub-rucio-suite";

const stub = useStubRucio({ timeoutMs: 300, retries: 2 });
const caller = () => stub.gateway.serviceCaller("stub");
const did = { scope: "user.jdoe", name: "user.jdoe.test", type: "DATASET", account: "jdoe", bytes: 1, length: 1 };

/** Logs in, then answers the API requests with `answers` in turn (the last one repeats). */
function answering(...answers: (StubResponse | StubHandler)[]) {
  let index = 0;
  stub.answer((request) => {
    const answer = answers[Math.min(index++, answers.length - 1)]!;
    return typeof answer === "function" ? answer(request) : answer;
  });
}
const attempts = () => stub.apiRequests().length;

afterEach(() => stub.gateway.clearTokenCache());

describe("retries", () => {
  it("retries 500 and 503 and returns the answer that finally succeeds", async () => {
    answering(
      { status: 500, body: "Internal Error" },
      rucioError(503, "DatabaseException", "too many requests"),
      jsonResponse(did),
    );
    await expect(stub.gateway.getDid(caller(), "user.jdoe", "user.jdoe.test")).resolves.toMatchObject({
      name: "user.jdoe.test",
    });
    expect(attempts()).toBe(3);
  });

  it("gives up after the configured retries with an error naming instance and URL", async () => {
    answering(rucioError(503, "DatabaseException", "too many requests"));
    const error = await stub.gateway.getDid(caller(), "user.jdoe", "user.jdoe.test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stub.gateway.RucioUnavailableError);
    expect(error).toMatchObject({ instance: "stub", status: 503, exceptionClass: "DatabaseException" });
    expect((error as Error).message).toContain(`Rucio instance "stub" failed at ${stub.url}`);
    expect((error as Error).message).toContain("/dids/user.jdoe/user.jdoe.test");
    expect((error as Error).message).toContain("3 attempt(s)");
    expect(attempts()).toBe(3);
  });

  it.each([
    [rucioError(400, "InvalidObject", "bad"), "RucioInvalidInputError"],
    [rucioError(403, "AccessDenied", "no"), "RucioAccessDeniedError"],
    [rucioError(404, "DataIdentifierNotFound", "Data identifier 'user.jdoe:x' not found"), "RucioNotFoundError"],
    [rucioError(406, "UnsupportedRequestedContentType", "wrong Accept"), "RucioInvalidInputError"],
    [rucioError(409, "UnsupportedOperation", "no"), "RucioConflictError"],
    [rucioError(500, "AccessDenied", "uncaught in the view"), "RucioAccessDeniedError"],
    [rucioError(500, "RucioException", "Badly formatted rule id (0000)"), "RucioError"],
  ] as const)("never retries a deterministic failure (%#)", async (answer, errorName) => {
    answering(answer);
    const error = await stub.gateway.getDid(caller(), "user.jdoe", "x").catch((e: unknown) => e);
    expect((error as Error).name).toBe(errorName);
    expect(attempts()).toBe(1);
  });

  it("retries a dropped connection", async () => {
    answering({ destroy: true }, jsonResponse(did));
    await expect(stub.gateway.getDid(caller(), "user.jdoe", "user.jdoe.test")).resolves.toMatchObject({ bytes: 1 });
    expect(attempts()).toBe(2);
  });

  it("does not resend a rule creation the server may have acted on", async () => {
    answering({ status: 500, body: "Internal Error" });
    const error = await stub.gateway
      .addRule(caller(), { dids: [did], rseExpression: "SWAN-MOUNT" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stub.gateway.RucioUnavailableError);
    expect(attempts()).toBe(1);
    answering({ destroy: true });
    await expect(stub.gateway.addRule(caller(), { dids: [did], rseExpression: "SWAN-MOUNT" })).rejects.toBeInstanceOf(
      stub.gateway.RucioUnavailableError,
    );
    expect(attempts()).toBe(1);
  });

  it("resends a rule creation on a dropped connection when the caller asks for it", async () => {
    answering({ destroy: true }, { status: 201, body: '["rule-1"]' });
    await expect(
      stub.gateway.addRule(caller(), { dids: [did], rseExpression: "SWAN-MOUNT" }, { retry: true }),
    ).resolves.toEqual(["rule-1"]);
    expect(attempts()).toBe(2);
  });

  it("does resend a rule creation the server refused with 503", async () => {
    answering(rucioError(503, "DatabaseException", "busy"), { status: 201, body: '["rule-1"]' });
    await expect(stub.gateway.addRule(caller(), { dids: [did], rseExpression: "SWAN-MOUNT" })).resolves.toEqual([
      "rule-1",
    ]);
    expect(attempts()).toBe(2);
  });

  it("reports an instance that refuses connections as unavailable after retrying", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const offline = await loadGateway(`http://127.0.0.1:${port}`);
    const error = await offline.whoami(offline.tokenCaller("stub", "t")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(offline.RucioUnavailableError);
    expect((error as Error).message).toMatch(
      /unreachable at http:\/\/127\.0\.0\.1:\d+ \(GET \/accounts\/whoami\): ECONNREFUSED; 3 attempt/,
    );
  });

  it("spreads the backoff exponentially with jitter", () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const full = 100 * 2 ** attempt;
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, 100);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
    expect(backoffDelay(30, 100)).toBeLessThanOrEqual(10_000);
  });
});

describe("redirects", () => {
  it("follows a redirect within the instance, sending the token again", async () => {
    answering({ status: 303, headers: { Location: "/accounts/svc" } }, jsonResponse({ account: "svc" }));
    await expect(stub.gateway.whoami(stub.gateway.tokenCaller("stub", "t"))).resolves.toMatchObject({ account: "svc" });
    expect(stub.apiRequests().map((request) => [request.path, request.headers["x-rucio-auth-token"]])).toEqual([
      ["/accounts/whoami", "t"],
      ["/accounts/svc", "t"],
    ]);
  });

  it("refuses to carry the token to another origin", async () => {
    answering({ status: 302, headers: { Location: "http://elsewhere.example/accounts/svc" } });
    const error = await stub.gateway.whoami(stub.gateway.tokenCaller("stub", "t")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stub.gateway.RucioError);
    expect((error as Error).message).toContain("to another origin (http://elsewhere.example); not followed");
    expect(attempts()).toBe(1);
  });

  it("stops a redirect loop", async () => {
    answering({ status: 307, headers: { Location: "/accounts/whoami" } });
    await expect(stub.gateway.whoami(stub.gateway.tokenCaller("stub", "t"))).rejects.toThrow("Too many redirects");
    expect(attempts()).toBe(4);
  });
});

describe("timeouts", () => {
  it("gives up on an instance that does not answer in time", async () => {
    answering({ ...jsonResponse(did), delayMs: 1_000 });
    const started = Date.now();
    const error = await stub.gateway.getDid(caller(), "user.jdoe", "slow").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(stub.gateway.RucioUnavailableError);
    expect((error as Error).message).toContain("timed out (no response within 300 ms)");
    expect(attempts()).toBe(3);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("does not cut a stream that keeps flowing for longer than the timeout", async () => {
    const lines = Array.from(
      { length: 8 },
      (_, n) => `${JSON.stringify({ scope: "s", name: `n${n}`, type: "FILE" })}\n`,
    );
    answering({ headers: { "Content-Type": "application/x-json-stream" }, body: lines, chunkDelayMs: 100 });
    const names: string[] = [];
    for await (const child of stub.gateway.listContents(caller(), "s", "dataset")) names.push(child.name);
    expect(names).toEqual(["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
  });

  it("reports a stream that stalls part-way", async () => {
    const first = `${JSON.stringify({ scope: "s", name: "n0", type: "FILE" })}\n`;
    answering({ headers: { "Content-Type": "application/x-json-stream" }, body: [first, first], chunkDelayMs: 1_000 });
    const names: string[] = [];
    const error = await (async () => {
      for await (const child of stub.gateway.listContents(caller(), "s", "dataset")) names.push(child.name);
    })().catch((e: unknown) => e);
    expect(names).toEqual(["n0"]);
    expect(error).toBeInstanceOf(stub.gateway.RucioUnavailableError);
    expect((error as Error).message).toContain(
      'Rucio instance "stub" broke off the answer to GET /dids/s/dataset/dids',
    );
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    answering({ ...streamResponse([]), delayMs: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user went away")), 50);
    const aborted = stub.gateway.tokenCaller("stub", "t", undefined, controller.signal);
    await expect(stub.gateway.getRule(aborted, "r")).rejects.toThrow("user went away");
    expect(attempts()).toBe(1);
  });
});
