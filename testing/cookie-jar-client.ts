/**
 * A small HTTP client for integration tests that keeps cookies per host like a browser (Domain and
 * Path ignored: every test server runs on 127.0.0.1) and follows redirects itself, so the cookies of
 * every hop are kept and can be inspected.
 */
export interface StoredCookie {
  name: string;
  value: string;
  /** The Set-Cookie line as the server sent it (flags such as HttpOnly, SameSite). */
  raw: string;
}

export interface FetchedPage {
  response: Response;
  url: string;
  body: string;
  /** Every URL visited, redirects included. */
  hops: string[];
}

export class CookieJarClient {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookies(url: string): StoredCookie[] {
    return [...(this.jar.get(new URL(url).hostname)?.values() ?? [])];
  }

  cookie(url: string, name: string): StoredCookie | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name);
  }

  private store(url: string, response: Response): void {
    const host = new URL(url).hostname;
    const cookies = this.jar.get(host) ?? new Map<string, StoredCookie>();
    this.jar.set(host, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || /;\s*expires=Thu, 01 Jan 1970/i.test(line) || value === "";
      if (expired) cookies.delete(name);
      else cookies.set(name, { name, value, raw: line });
    }
  }

  private cookieHeader(url: string): string {
    return this.cookies(url)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  /** One request, no redirect following. */
  async send(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, response);
    return response;
  }

  /** A request whose redirects are followed (303, and 302 after POST, continue as GET, as browsers do). */
  async visit(url: string, init: RequestInit = {}): Promise<FetchedPage> {
    const hops = [url];
    let response = await this.send(url, init);
    let current = url;
    for (let hop = 0; hop < 20 && response.status >= 300 && response.status < 400; hop++) {
      const location = response.headers.get("location");
      if (!location) break;
      await response.arrayBuffer();
      current = new URL(location, current).toString();
      hops.push(current);
      response = await this.send(current);
    }
    return { response, url: current, body: await response.text(), hops };
  }

  /** Submits a form the way a browser does, following the redirects. */
  submitForm(url: string, fields: Record<string, string>): Promise<FetchedPage> {
    return this.visit(url, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }
}

/** JSON API calls with the client's cookies. */
export async function api(
  client: CookieJarClient,
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
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
