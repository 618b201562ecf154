import { randomBytes } from "node:crypto";
import { expect } from "@playwright/test";
import { test } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";

// The sign-in rate limit as the production build's form shows it.

test("the sign-in form refuses a username after 5 failed attempts, with the reason", async ({ page }) => {
  const username = `e2e-throttle-${randomBytes(4).toString("hex")}`;
  await page.goto("/signin");
  const alert = page.getByRole("form", { name: "Sign in with a Rucio account" }).getByRole("alert");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignInForm(page, username, `guess-${attempt}`);
    await expect(alert).toContainText("Rucio refused the sign-in");
  }
  await submitSignInForm(page, username, "guess-6");
  await expect(alert).toHaveText(`Too many failed sign-ins for "${username}": try again in 15 minutes`);
});
