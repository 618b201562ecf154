import { encode } from "next-auth/jwt";
import type { CookieJarClient } from "./cookie-jar-client";

// Signing in to a portal under test: over HTTP as a browser does, or by making the session cookie itself.
// An in-process sign-in record (no portal running) is recorded-sign-in.ts; a browser's form is
// e2e/portal/sign-in-form.ts.

/** next-auth's session cookie name on plain http. */
export const SESSION_COOKIE = "next-auth.session-token";

/**
 * The `cookie` header next-auth's session cookie makes for a sign-in, with the claims its jwt callback
 * writes, sealed with `secret` (another secret than the portal's makes a forged cookie).
 */
export async function sessionCookie(
  signIn: { id: string; userId: string; userName: string },
  secret: string,
): Promise<string> {
  const value = await encode({ token: { name: signIn.userName, sub: signIn.userId, credentialId: signIn.id }, secret });
  return `${SESSION_COOKIE}=${value}`;
}

/**
 * Signs in through next-auth's HTTP endpoints the way its browser client does: fetch the CSRF token,
 * post the credentials form to the provider's callback. Returns where next-auth sends the browser.
 */
export async function signInWithRucioPassword(
  client: CookieJarClient,
  portal: string,
  username: string,
  password: string,
): Promise<string> {
  const csrf = await client.visit(`${portal}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await client.send(`${portal}/api/auth/callback/rucio-userpass`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${portal}/stagings`, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  return url;
}

export async function signOut(client: CookieJarClient, portal: string): Promise<void> {
  const csrf = await client.visit(`${portal}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  await client.send(`${portal}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: portal, json: "true" }),
  });
}
