import type { CookieJarClient } from "./cookie-jar-client";

/** next-auth's session cookie name on plain http. */
export const SESSION_COOKIE = "next-auth.session-token";

/**
 * Signs in through next-auth's HTTP endpoints the way its browser client does: fetch the CSRF token,
 * post the credentials form to the provider's callback. Returns where next-auth sends the browser.
 */
export async function signInWithRucioPassword(client: CookieJarClient, portal: string, username: string, password: string): Promise<string> {
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

/** JSON API calls with the client's cookies. */
export async function api(client: CookieJarClient, url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["content-type"] ??= "application/json";
  const response = await client.send(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
