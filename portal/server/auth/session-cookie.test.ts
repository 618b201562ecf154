import { randomBytes } from "node:crypto";
import { decode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";

const secret = randomBytes(32).toString("base64url");
const signIn = {
  id: "cred-1",
  userId: "user-1",
  userName: "jdoe",
  instance: "default",
  account: "jdoe",
  kind: "EMBED" as const,
  expiresAt: new Date(Date.now() + 3600_000),
  tokenExpiresAt: new Date(Date.now() + 3600_000),
};

async function cookieWith(nextAuthUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_SECRET", secret);
  if (nextAuthUrl) vi.stubEnv("NEXTAUTH_URL", nextAuthUrl);
  const { sessionCookieFor } = await import("./session-cookie");
  return sessionCookieFor(signIn);
}

afterEach(() => vi.unstubAllEnvs());

describe("the session cookie of an embed sign-in", () => {
  it("over https is SameSite=None, Secure and Partitioned, under next-auth's secure name", async () => {
    const cookie = await cookieWith("https://catalog.example.org");
    expect(cookie.name).toBe("__Secure-next-auth.session-token");
    expect(cookie.options).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "none",
      partitioned: true,
      path: "/",
    });
  });

  it("over plain http is the usual Lax cookie", async () => {
    const cookie = await cookieWith(undefined);
    expect(cookie.name).toBe("next-auth.session-token");
    expect(cookie.options).toMatchObject({ httpOnly: true, secure: false, sameSite: "lax", partitioned: false });
  });

  it("carries what next-auth's own cookie carries, and lives no longer than the sign-in", async () => {
    const cookie = await cookieWith(undefined);
    expect(await decode({ token: cookie.value, secret })).toMatchObject({
      name: "jdoe",
      sub: "user-1",
      credentialId: "cred-1",
    });
    expect(cookie.options.maxAge).toBeLessThanOrEqual(3600);
    expect(cookie.options.maxAge).toBeGreaterThan(3500);
  });
});
