import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { authSecret, catalogRequiresSignIn } from "./config";
import { findSignIn, type SignIn } from "./sign-ins";

export type { SignIn } from "./sign-ins";

type CookieSource =
  | Pick<NextRequest, "cookies" | "headers">
  | { cookies: { getAll(): { name: string; value: string }[] }; headers: Headers };

async function signInFrom(source: CookieSource): Promise<SignIn | undefined> {
  const token = await getToken({ req: source as Parameters<typeof getToken>[0]["req"], secret: authSecret() });
  if (!token?.sub || typeof token.credentialId !== "string") return undefined;
  return findSignIn(token.credentialId, token.sub);
}

/** The sign-in behind a route handler's request (session cookie), or undefined. */
export function signInOfRequest(request: NextRequest): Promise<SignIn | undefined> {
  return signInFrom(request);
}

/** The sign-in of the page being rendered (server components), or undefined. */
export async function currentSignIn(): Promise<SignIn | undefined> {
  return signInFrom({ cookies: await cookies(), headers: new Headers() });
}

/**
 * For catalog pages and routes: whether this visitor may read the catalog. Everyone may unless
 * AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true, then only signed-in users.
 */
export async function mayReadCatalog(request?: NextRequest): Promise<boolean> {
  if (!catalogRequiresSignIn()) return true;
  return (request ? await signInOfRequest(request) : await currentSignIn()) !== undefined;
}
