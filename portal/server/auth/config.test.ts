import { afterEach, describe, expect, it, vi } from "vitest";
import { rucioAccountForOidc, type OidcConfig } from "./config";

const config: OidcConfig = {
  issuer: "http://127.0.0.1:9000",
  clientId: "portal",
  displayName: "SSO",
  accountClaim: "preferred_username",
  accounts: { "jane.doe": "jdoe", "al.ice": { default: "alice", other: "alice2" } },
};

describe("OIDC identity to Rucio account mapping", () => {
  it("maps a claim value to one account on every instance or per instance", () => {
    expect(rucioAccountForOidc({ preferred_username: "jane.doe" }, "default", config)).toBe("jdoe");
    expect(rucioAccountForOidc({ preferred_username: "jane.doe" }, "other", config)).toBe("jdoe");
    expect(rucioAccountForOidc({ preferred_username: "al.ice" }, "default", config)).toBe("alice");
    expect(rucioAccountForOidc({ preferred_username: "al.ice" }, "other", config)).toBe("alice2");
  });

  it("leaves unmapped identities, other claims and inherited keys unmapped", () => {
    expect(rucioAccountForOidc({ preferred_username: "al.ice" }, "third", config)).toBeUndefined();
    expect(rucioAccountForOidc({ preferred_username: "mallory" }, "default", config)).toBeUndefined();
    expect(rucioAccountForOidc({ sub: "jane.doe" }, "default", config)).toBeUndefined();
    expect(rucioAccountForOidc({ preferred_username: "toString" }, "default", config)).toBeUndefined();
    expect(rucioAccountForOidc({ preferred_username: 42 }, "default", config)).toBeUndefined();
  });
});

describe("the secret that signs sessions", () => {
  afterEach(() => vi.unstubAllEnvs());

  /** authSecret() of a fresh import under the given environment. */
  async function secretUnder(deployment: string, secret: string | undefined): Promise<string> {
    vi.stubEnv("PORTAL_DEPLOYMENT", deployment);
    vi.stubEnv("NEXTAUTH_SECRET", secret);
    vi.resetModules();
    const { authSecret } = await import("./config");
    return authSecret();
  }

  it("is the public development secret only where PORTAL_DEPLOYMENT says demo, test or development", async () => {
    // Whatever NODE_ENV says (next start keeps a NODE_ENV it is given).
    vi.stubEnv("NODE_ENV", "development");
    await expect(secretUnder("production", undefined)).rejects.toThrow(/^NEXTAUTH_SECRET is not set/);
    const { DEVELOPMENT_SECRET } = await import("./config");
    await expect(secretUnder("production", DEVELOPMENT_SECRET)).rejects.toThrow(
      /^NEXTAUTH_SECRET is not set \(or is the public development secret\)/,
    );
    expect(await secretUnder("production", "b".repeat(40))).toBe("b".repeat(40));
    for (const deployment of ["demo", "test", "development"])
      expect(await secretUnder(deployment, undefined)).toBe(DEVELOPMENT_SECRET);
  });
});
