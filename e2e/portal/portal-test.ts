import { test as base, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

/** The portal's path prefix (PORTAL_BASE_PATH, as scripts/e2e.sh puts it in PORTAL_URL): "" at the root. */
export const BASE_PATH = new URL(process.env.PORTAL_URL ?? "http://127.0.0.1:3000").pathname.replace(/\/+$/, "");

/**
 * A path of the portal ("/search?q=x") as the browser requests it. Playwright resolves "/search" against
 * baseURL's origin, dropping its path, so the specs' paths go through here (the fixtures below do it).
 */
export function portalPath(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || !BASE_PATH) return path;
  if (path === BASE_PATH || path.startsWith(`${BASE_PATH}/`) || path.startsWith(`${BASE_PATH}?`)) return path;
  // "/" and "/?q" are the prefix itself: "<prefix>/" would be redirected (308) to drop the slash.
  return /^\/(?=$|[?#])/.test(path) ? `${BASE_PATH}${path.slice(1)}` : `${BASE_PATH}${path}`;
}

const prefixed = new WeakSet<object>();

function prefixRequests(request: APIRequestContext): APIRequestContext {
  if (prefixed.has(request)) return request;
  prefixed.add(request);
  // get, post and the others call fetch.
  const fetch = request.fetch.bind(request);
  request.fetch = (url, options) => fetch(typeof url === "string" ? portalPath(url) : url, options);
  return request;
}

function prefixPage(page: Page): void {
  if (prefixed.has(page)) return;
  prefixed.add(page);
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(portalPath(url), options);
  prefixRequests(page.request);
}

function prefixContext(context: BrowserContext): BrowserContext {
  if (prefixed.has(context)) return context;
  prefixed.add(context);
  context.pages().forEach(prefixPage);
  context.on("page", prefixPage);
  prefixRequests(context.request);
  return context;
}

/**
 * Playwright's test, with `portalOrigin` (the origin of the portal under test) and pages, contexts and
 * API requests that keep the portal's path prefix on the paths the specs give them.
 */
export const test = base.extend<{ portalOrigin: string }>({
  portalOrigin: async ({ baseURL }, use) => {
    await use(new URL(baseURL!).origin);
  },
  context: async ({ context }, use) => {
    await use(prefixContext(context));
  },
  request: async ({ request }, use) => {
    await use(prefixRequests(request));
  },
  browser: [
    async ({ browser }, use) => {
      if (!prefixed.has(browser)) {
        prefixed.add(browser);
        const newContext = browser.newContext.bind(browser);
        browser.newContext = async (options) => prefixContext(await newContext(options));
      }
      await use(browser);
    },
    { scope: "worker" },
  ],
});
