import "server-only";
import { z } from "zod";
import { env } from "@/server/env";

// A fixed secret keeps demo and test sign-ins alive across restarts. It is public, so production never
// uses it (and refuses to start on it, see server/production-defaults).
export const DEVELOPMENT_SECRET = "rucio-catalog development secret - set NEXTAUTH_SECRET in production";

/** Signs the session cookie and derives the key of the stored Rucio tokens. */
export function authSecret(): string {
  const production = env.PORTAL_DEPLOYMENT === "production";
  if (env.NEXTAUTH_SECRET && !(production && env.NEXTAUTH_SECRET === DEVELOPMENT_SECRET)) return env.NEXTAUTH_SECRET;
  if (production) {
    throw new Error(
      "NEXTAUTH_SECRET is not set (or is the public development secret): the portal cannot sign users in (generate one with `openssl rand -base64 32`)",
    );
  }
  return DEVELOPMENT_SECRET;
}

export const sessionMaxAgeSeconds = () => env.AUTH_SESSION_MAX_AGE_SECONDS;

/** Whether catalog pages and APIs are for signed-in users only (staging always is). */
export const catalogRequiresSignIn = () => env.AUTH_REQUIRE_SIGNIN_FOR_CATALOG === "true";

const accountMapSchema = z.record(z.string(), z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]));
export type OidcAccountMap = z.infer<typeof accountMapSchema>;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  displayName: string;
  /** ID-token claim whose value is looked up in `accounts`. */
  accountClaim: string;
  accounts: OidcAccountMap;
}

/** The generic OIDC provider, when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
export function oidcConfig(): OidcConfig | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return undefined;
  const accounts = accountMapSchema.safeParse(JSON.parse(env.OIDC_RUCIO_ACCOUNTS));
  if (!accounts.success) throw new Error(`OIDC_RUCIO_ACCOUNTS is invalid: ${accounts.error.message}`);
  return {
    issuer: env.OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    displayName: env.OIDC_DISPLAY_NAME,
    accountClaim: env.OIDC_ACCOUNT_CLAIM,
    accounts: accounts.data,
  };
}

/**
 * The Rucio account an OIDC identity acts as on `instance`, from configuration. The local Rucio (and
 * any Rucio without OIDC configured) cannot take the identity provider's token itself, so the portal
 * acts for mapped users with its service identity, charging rules to the mapped account.
 */
export function rucioAccountForOidc(
  claims: Record<string, unknown>,
  instance: string,
  config: OidcConfig,
): string | undefined {
  const value = claims[config.accountClaim];
  if (typeof value !== "string" || !Object.hasOwn(config.accounts, value)) return undefined;
  const mapped = config.accounts[value];
  if (typeof mapped === "string") return mapped;
  return mapped && Object.hasOwn(mapped, instance) ? mapped[instance] : undefined;
}
