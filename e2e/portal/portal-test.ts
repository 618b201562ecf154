import { test as base } from "@playwright/test";

/** Playwright's test, with `portalOrigin`: the origin of the portal under test (baseURL's). */
export const test = base.extend<{ portalOrigin: string }>({
  portalOrigin: async ({ baseURL }, use) => {
    await use(new URL(baseURL!).origin);
  },
});
