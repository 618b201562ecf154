import "server-only";
import { encode } from "next-auth/jwt";
import { env } from "@/server/env";
import { authSecret, sessionMaxAgeSeconds } from "./config";
import type { SignIn } from "./sign-ins";

export interface SessionCookie {
  name: string;
  value: string;
  options: {
    httpOnly: true;
    path: "/";
    maxAge: number;
    sameSite: "lax" | "none";
    secure: boolean;
    partitioned: boolean;
  };
}

/**
 * The next-auth session cookie for a sign-in made outside next-auth's own routes (embed sign-in).
 * Same name and JWT content as next-auth's, so every reader of the session finds it. Over https it is
 * SameSite=None and Partitioned: sent to the portal framed by JupyterLab on another site, and only
 * there (its jar is keyed by the top-level site). Over plain http (a local demo, where JupyterLab and
 * the portal share a site) it is the usual Lax cookie.
 */
export async function sessionCookieFor(signIn: SignIn): Promise<SessionCookie> {
  const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  const maxAge = Math.max(1, Math.floor((signIn.expiresAt.getTime() - Date.now()) / 1000));
  const value = await encode({
    token: { name: signIn.userName, sub: signIn.userId, credentialId: signIn.id },
    secret: authSecret(),
    maxAge: Math.min(maxAge, sessionMaxAgeSeconds()),
  });
  return {
    name: secure ? "__Secure-next-auth.session-token" : "next-auth.session-token",
    value,
    options: { httpOnly: true, path: "/", maxAge, sameSite: secure ? "none" : "lax", secure, partitioned: secure },
  };
}
