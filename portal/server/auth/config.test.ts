import { describe, expect, it } from "vitest";
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
