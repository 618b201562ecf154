import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  jsonResponse,
  loadGateway,
  rucioError,
  startStubRucio,
  userpassAuth,
  type StubRequest,
  type StubRucio,
} from "./test-support";
import { parseValidation } from "./auth";

let stub: StubRucio;
let gateway: Awaited<ReturnType<typeof loadGateway>>;

const account = {
  account: "jdoe",
  account_type: "USER",
  status: "ACTIVE",
  email: null,
  created_at: "2024-03-05T07:08:09",
};
const passwords = { jdoe: "jdoe-secret", svc: "svc-secret" };
const jdoe = () => gateway.userpassCaller("stub", { username: "jdoe", password: "jdoe-secret" });

/** Serves /accounts/jdoe to any token not in `revoked`. */
function withAccounts(
  auth: (request: StubRequest) => ReturnType<ReturnType<typeof userpassAuth>>,
  revoked: string[] = [],
) {
  return (request: StubRequest) => {
    if (request.path === "/auth/userpass") return auth(request);
    if (revoked.includes(String(request.headers["x-rucio-auth-token"]))) {
      return rucioError(401, "CannotAuthenticate", "Cannot authenticate with given credentials");
    }
    return jsonResponse(account);
  };
}
const authRequests = () => stub.requests.filter((request) => request.path === "/auth/userpass");

beforeAll(async () => {
  stub = await startStubRucio();
  gateway = await loadGateway(stub.url);
});
afterEach(() => {
  gateway.clearTokenCache();
  vi.useRealTimers();
});
afterAll(() => stub.close());

describe("userpass tokens", () => {
  it("sends the userpass headers once and reuses the token", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    const caller = gateway.userpassCaller("stub", { username: "jdoe", password: "jdoe-secret", account: "jdoe" });
    await gateway.getAccount(caller, "jdoe");
    const info = await gateway.getAccount(caller, "jdoe");
    expect(info.created_at?.toISOString()).toBe("2024-03-05T07:08:09.000Z");
    expect(authRequests()).toHaveLength(1);
    expect(authRequests()[0]?.headers).toMatchObject({
      "x-rucio-username": "jdoe",
      "x-rucio-password": "jdoe-secret",
      "x-rucio-account": "jdoe",
      "x-rucio-appid": "rucio-catalog",
      accept: "application/octet-stream",
    });
    expect(stub.apiRequests().map((request) => request.headers["x-rucio-auth-token"])).toEqual(["tok-1", "tok-1"]);
  });

  it("shares one login between concurrent calls", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    await Promise.all([1, 2, 3, 4].map(() => gateway.getAccount(jdoe(), "jdoe")));
    expect(authRequests()).toHaveLength(1);
  });

  it("reports a wrong password as RucioAuthenticationError without echoing it", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    const caller = gateway.userpassCaller("stub", { username: "jdoe", password: "wrong-password" });
    const error = await gateway.whoami(caller).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(gateway.RucioAuthenticationError);
    expect(error).toMatchObject({ instance: "stub", status: 401, exceptionClass: "CannotAuthenticate" });
    expect(String((error as Error).message)).not.toContain("wrong-password");
    expect(stub.apiRequests()).toHaveLength(0);
  });

  it("never hands a cached token to a caller with a different password", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    await gateway.getAccount(jdoe(), "jdoe");
    const impostor = gateway.userpassCaller("stub", { username: "jdoe", password: "guess" });
    await expect(gateway.getAccount(impostor, "jdoe")).rejects.toBeInstanceOf(gateway.RucioAuthenticationError);
    expect(authRequests()).toHaveLength(2);
  });

  it("renews a token shortly before it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    stub.setHandler(withAccounts(userpassAuth(passwords, 60 * 60_000)));
    await gateway.getAccount(jdoe(), "jdoe");
    vi.setSystemTime(Date.now() + 50 * 60_000);
    await gateway.getAccount(jdoe(), "jdoe");
    expect(authRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 6 * 60_000); // 4 minutes left: inside the 5-minute margin
    await gateway.getAccount(jdoe(), "jdoe");
    expect(authRequests()).toHaveLength(2);
    expect(stub.apiRequests().map((request) => request.headers["x-rucio-auth-token"])).toEqual([
      "tok-1",
      "tok-1",
      "tok-2",
    ]);
  });

  it("logs in again once and retries when Rucio rejects a cached token", async () => {
    const auth = userpassAuth(passwords);
    stub.setHandler(withAccounts(auth));
    await gateway.getAccount(jdoe(), "jdoe");
    stub.setHandler(withAccounts(auth, ["tok-1"]));
    await expect(gateway.getAccount(jdoe(), "jdoe")).resolves.toMatchObject({ account: "jdoe" });
    expect(stub.apiRequests().map((request) => request.headers["x-rucio-auth-token"])).toEqual(["tok-1", "tok-2"]);
    expect(authRequests()).toHaveLength(1);
  });

  it("re-authenticates only once when Rucio keeps answering 401", async () => {
    const auth = userpassAuth(passwords);
    stub.setHandler(withAccounts(auth));
    await gateway.getAccount(jdoe(), "jdoe");
    stub.setHandler(withAccounts(auth, ["tok-1", "tok-2", "tok-3"]));
    await expect(gateway.getAccount(jdoe(), "jdoe")).rejects.toBeInstanceOf(gateway.RucioAuthenticationError);
    expect(authRequests()).toHaveLength(1);
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it("does not retry a 401 on a token it has just obtained", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords), ["tok-1", "tok-2"]));
    await expect(gateway.getAccount(jdoe(), "jdoe")).rejects.toBeInstanceOf(gateway.RucioAuthenticationError);
    expect(authRequests()).toHaveLength(1);
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it("asks for an account when the identity maps to several", async () => {
    stub.setHandler(() => ({
      status: 206,
      headers: { "X-Rucio-Auth-Accounts": "jdoe,atlas-phys" },
      body: '["jdoe", "atlas-phys"]',
    }));
    const error = await gateway
      .authenticateUserpass("stub", { username: "jdoe", password: "jdoe-secret" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(gateway.RucioAuthenticationError);
    expect((error as Error).message).toContain("jdoe,atlas-phys");
  });

  it("uses the configured service identity for the portal's own reads", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    await gateway.getAccount(gateway.serviceCaller(), "jdoe");
    expect(authRequests()[0]?.headers).toMatchObject({ "x-rucio-username": "svc", "x-rucio-account": "svc" });
  });
});

describe("caller-supplied tokens", () => {
  it("sends the token as X-Rucio-Auth-Token and never logs in", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords)));
    await gateway.getAccount(gateway.tokenCaller("stub", "oidc-access-token"), "jdoe");
    expect(authRequests()).toHaveLength(0);
    expect(stub.apiRequests()[0]?.headers["x-rucio-auth-token"]).toBe("oidc-access-token");
  });

  it("asks the caller once for a new token after a 401", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords), ["expired"]));
    const refresh = vi.fn(async () => "renewed");
    await gateway.getAccount(gateway.tokenCaller("stub", "expired", refresh), "jdoe");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(stub.apiRequests().map((request) => request.headers["x-rucio-auth-token"])).toEqual(["expired", "renewed"]);
  });

  it("surfaces the 401 when the caller cannot refresh, without the token in the error", async () => {
    stub.setHandler(withAccounts(userpassAuth(passwords), ["secret-token-123"]));
    const error = await gateway
      .getAccount(gateway.tokenCaller("stub", "secret-token-123"), "jdoe")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(gateway.RucioAuthenticationError);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain("secret-token-123");
  });
});

describe("parseValidation", () => {
  it("reads the account and the UTC lifetime from Rucio's /auth/validate text", () => {
    const text =
      "{'account': 'jdoe', 'identity': 'jdoe', 'lifetime': datetime.datetime(2026, 11, 29, 17, 52, 42, 476902), 'audience': None, 'authz_scope': None, 'vo': 'def'}";
    expect(parseValidation(text)).toEqual({ account: "jdoe", expiresAt: new Date("2026-11-29T17:52:42Z") });
    expect(parseValidation("{'account': 'jdoe', 'lifetime': datetime.datetime(2026, 1, 2, 3, 4)}")).toEqual({
      account: "jdoe",
      expiresAt: new Date("2026-01-02T03:04:00Z"),
    });
  });

  it("gives nothing for an answer without both", () => {
    expect(parseValidation("{'account': 'jdoe'}")).toBeUndefined();
    expect(parseValidation("{'lifetime': datetime.datetime(2026, 1, 2, 3, 4, 5)}")).toBeUndefined();
    expect(parseValidation("")).toBeUndefined();
  });
});
