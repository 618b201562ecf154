import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { AuthOptions, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "@/server/client-address";
import {
  authenticateUserpass,
  defaultInstanceName,
  listInstanceNames,
  RucioAuthenticationError,
  RucioError,
  RucioUnavailableError,
} from "@/server/rucio";
import { authSecret, oidcConfig, rucioAccountForOidc, sessionMaxAgeSeconds, type OidcConfig } from "./config";
import { admitSignIn, clearFailedSignIns, recordFailedSignIn, releaseSignIn } from "./sign-in-throttle";
import { endSignIn, findSignIn, startOidcSignIn, startRucioTokenSignIn } from "./sign-ins";
import { withBasePath } from "@/lib/base-path";

export const USERPASS_PROVIDER_ID = "rucio-userpass";
export const OIDC_PROVIDER_ID = "oidc";

/** What authorize() hands to the jwt callback: the user and the sign-in row the cookie will point at. */
type SignedInUser = User & { credentialId: string };

// Header values (Rucio takes the credentials as headers) cannot carry control characters nor code points
// beyond U+00FF.
// eslint-disable-next-line no-control-regex
const HEADER_SAFE = /^[^\u0000-\u001f\u007f\u0100-\uffff]*$/;
const credential = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label} is longer than ${max} characters`)
    .regex(HEADER_SAFE, `${label} contains characters a Rucio sign-in cannot carry`);

const userpassInput = z.object({
  instance: z.string().min(1).max(64).optional(),
  username: credential("The username", 255).min(1, "Enter your Rucio username"),
  password: credential("The password", 1024).min(1, "Enter your password"),
  account: credential("The account", 255).optional(),
});

async function authorizeUserpass(
  credentials: Record<string, string> | undefined,
  request: { headers?: Record<string, unknown> },
): Promise<SignedInUser> {
  const parsed = userpassInput.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Invalid sign-in form");
  const { username, password } = parsed.data;
  const instance = parsed.data.instance || defaultInstanceName();
  if (!listInstanceNames().includes(instance)) throw new Error(`Unknown Rucio instance "${instance}"`);
  const attempt = { instance, username, client: clientAddress(request.headers) };
  const admission = await admitSignIn(attempt);
  if ("refusal" in admission) throw new Error(admission.refusal);
  await sleep(admission.delayMs);
  try {
    const token = await authenticateUserpass(instance, {
      username,
      password,
      account: parsed.data.account || undefined,
    });
    const signIn = await startRucioTokenSignIn(instance, token);
    await clearFailedSignIns(attempt);
    return { id: signIn.userId, name: signIn.name, credentialId: signIn.credentialId };
  } catch (error) {
    // next-auth passes the message on to the sign-in form.
    if (error instanceof RucioAuthenticationError) {
      await recordFailedSignIn(attempt);
      throw new Error(`Rucio refused the sign-in: ${error.message}`);
    }
    await releaseSignIn(attempt);
    if (error instanceof RucioUnavailableError)
      throw new Error(`Rucio instance "${instance}" cannot be reached; try again later`);
    if (error instanceof RucioError) throw new Error(`Rucio answered: ${error.message}`);
    throw error;
  }
}

interface OidcProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

function oidcProvider(config: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.displayName,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    client: config.clientSecret ? undefined : { token_endpoint_auth_method: "none" },
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.sub,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
      email: profile.email ?? null,
    }),
  };
}

/** next-auth's configuration, built on use so that `next build` needs no secret. */
export function getAuthOptions(): AuthOptions {
  const oidc = oidcConfig();
  const maxAge = sessionMaxAgeSeconds();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    // next-auth redirects to these as they are: under a base path they must carry it.
    pages: { signIn: withBasePath("/signin"), error: withBasePath("/signin") },
    providers: [
      CredentialsProvider({
        id: USERPASS_PROVIDER_ID,
        name: "Rucio account",
        credentials: {
          instance: { label: "Rucio instance", type: "text" },
          username: { label: "Username", type: "text" },
          password: { label: "Password", type: "password" },
          account: { label: "Account (optional)", type: "text" },
        },
        authorize: authorizeUserpass,
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && oidc && profile) {
          const claims = profile as OidcProfile;
          const instance = defaultInstanceName();
          const name = typeof token.name === "string" ? token.name : claims.sub;
          const signIn = await startOidcSignIn(
            { issuer: oidc.issuer, subject: claims.sub, name },
            instance,
            rucioAccountForOidc(claims, instance, oidc) ?? null,
          );
          return { name: signIn.name, sub: signIn.userId, credentialId: signIn.credentialId };
        }
        if (user && "credentialId" in user) {
          const signedIn = user as SignedInUser;
          return { name: signedIn.name, sub: signedIn.id, credentialId: signedIn.credentialId };
        }
        // Every later use: the sign-in must still exist (sign-out and expiry delete it). Throwing here
        // makes next-auth clear the cookie.
        const credentialId = typeof token.credentialId === "string" ? token.credentialId : undefined;
        if (!credentialId || !token.sub || !(await findSignIn(credentialId, token.sub))) {
          throw new Error("The sign-in has ended");
        }
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, user: { name: typeof token.name === "string" ? token.name : null } };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.credentialId === "string") await endSignIn(token.credentialId);
      },
    },
  };
}
