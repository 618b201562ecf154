import type { Server } from "node:http";
import Provider, { type ClientMetadata } from "oidc-provider";
import { freePort } from "../../../../testing/free-port";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for integration
 * tests of the portal's OIDC sign-in. Its development login page accepts any password for the login
 * names below; everything after it (authorization code, PKCE, token endpoint, signed ID token) is the
 * provider's real protocol.
 */
export interface TestIdentity {
  name: string;
  preferred_username: string;
  email: string;
}

export interface OidcIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startOidcIssuer(options: {
  redirectUri: string;
  identities: Record<string, TestIdentity>;
}): Promise<OidcIssuer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const client: ClientMetadata = {
    client_id: "rucio-catalog-portal",
    client_secret: "portal-client-secret-for-tests",
    redirect_uris: [options.redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  };
  const provider = new Provider(issuer, {
    clients: [client],
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"] },
    pkce: { required: () => true },
    // Put the profile claims the scopes grant into the ID token too (next-auth reads the ID token).
    conformIdTokenClaims: false,
    cookies: { keys: ["oidc-issuer-cookie-key-for-tests"] },
    async findAccount(_context, sub) {
      const identity = options.identities[sub];
      if (!identity) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...identity }) };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return {
    issuer,
    clientId: client.client_id,
    clientSecret: String(client.client_secret),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
