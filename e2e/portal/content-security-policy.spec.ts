import { expect, type Page } from "@playwright/test";
import { portalPath, test } from "./portal-test";
import { mintEmbedCode, openInPanel } from "./embed-panel";
import { submitSignInForm } from "./sign-in-form";

// The production build's Content-Security-Policy in Chromium: the portal's own pages and scripts run
// under it without a violation, and a script without the nonce does not run.

const DEMO = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };

interface PolicyWatch {
  /** CSP violations and console errors of the page in view since it loaded. */
  problems(): Promise<string[]>;
}

/** Records every securitypolicyviolation event (from before the page's first script) and console error. */
async function watchPolicy(page: Page): Promise<PolicyWatch> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    // The portal has no favicon; the browser asks for one on its own.
    if (message.type() !== "error" || new URL(message.location().url || page.url()).pathname === "/favicon.ico") return;
    consoleErrors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message} (${page.url()})`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return {
    async problems() {
      await page.waitForLoadState("networkidle");
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      return [...violations.map((violation) => `csp: ${violation} (${page.url()})`), ...consoleErrors.splice(0)];
    },
  };
}

test("content security policy: the portal's pages run under it without one violation or console error", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const watch = await watchPolicy(page);
  const problems: string[] = [];
  // The theme boot script is inline: it runs only with the nonce, and sets data-theme before hydration.
  await page.goto("/?theme=dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  problems.push(...(await watch.problems()));
  for (const path of ["/search?q=DAOD_PHYS", `/datasets/${DEMO.scope}/${DEMO.name}`]) {
    await page.goto(path);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    problems.push(...(await watch.problems()));
  }
  // Client-side navigation loads further chunks of the portal's own.
  await page.getByRole("link", { name: "Search", exact: true }).first().click();
  await expect(page).toHaveURL(/\/search/);
  problems.push(...(await watch.problems()));

  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/stagings")}`);
  await submitSignInForm(page, "jdoe");
  await expect(page).toHaveURL(/\/stagings$/, { timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  problems.push(...(await watch.problems()));
  expect(problems).toEqual([]);
});

test("content security policy: the embed sign-in lands on a page without violations", async ({
  page,
  request,
  baseURL,
}) => {
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/stagings");
  const watch = await watchPolicy(page);
  const frame = await openInPanel(page, new URL(baseURL!).origin, minted.startPath, minted.nonce);
  await expect(frame.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(new URL(frame.url()).pathname).toBe(portalPath("/stagings"));
  await frame.locator("html[data-hydrated]").waitFor({ state: "attached" });
  expect(await frame.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(await watch.problems()).toEqual([]);
});

test("content security policy: a script injected without the nonce does not run, and is reported", async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto("/search");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true;";
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return (window as unknown as { injectedRan?: boolean }).injectedRan === true;
  });
  expect(ran).toBe(false);
  const problems = await watch.problems();
  expect(problems.filter((problem) => problem.startsWith("csp: script-src-elem blocked inline"))).toHaveLength(1);
});

test("content security policy: a script in the page's markup without the nonce does not run; the page's own do", async ({
  page,
}) => {
  // What an HTML injection into a rendered page would be: the response as the server sent it, policy
  // header included, with one script more.
  await page.route("**/search", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("<body>", "<body><script>window.markupInjected = true;</script>");
    expect(html).toContain("markupInjected");
    await route.fulfill({ response, body: html });
  });
  const watch = await watchPolicy(page);
  await page.goto("/search");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  expect(await page.evaluate(() => (window as unknown as { markupInjected?: boolean }).markupInjected === true)).toBe(
    false,
  );
  const problems = (await watch.problems()).filter(
    (problem) => !problem.startsWith("console: Executing inline script violates"),
  );
  expect(problems).toEqual([expect.stringMatching(/^csp: script-src-elem blocked inline at .*\/search:\d+ /)]);
});
