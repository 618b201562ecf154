import type { Page } from "@playwright/test";

/**
 * Fills the portal's sign-in form on the page in view and submits it as a user does; resolves once
 * next-auth has answered (where the browser goes next is the test's to check). The demo accounts'
 * passwords are `<account>-secret`.
 */
export async function submitSignInForm(page: Page, username: string, password = `${username}-secret`): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" }); // typed earlier, keys are lost
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/rucio-userpass"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}
