import { expect, type Frame, type Page } from "@playwright/test";

/** The portal's account navigation, on a page or in the panel's frame. */
export const accountOf = (where: Page | Frame) => where.getByRole("navigation", { name: "Account" });

/** Waits until the portal shows `username` as signed in (after a sign-in's redirects, which can be slow). */
export async function expectSignedInAs(where: Page | Frame, username: string): Promise<void> {
  await expect(accountOf(where).getByText(username)).toBeVisible({ timeout: 30_000 });
}
