import { expect, type Page } from "@playwright/test";
import { test } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";
import { freshJdoeDataset, LOCAL_RUCIO_URL, rucioToken } from "../../testing/local-rucio";

// Staging from the dataset page against the real local Rucio: its conveyor daemons take the rule to
// OK (mock transfer tool: Rucio's locks go OK, no bytes move). Needs the portal's staging tracker running
// (instrumentation.ts) and the Stage button on the dataset page.

const DESTINATION = process.env.STAGING_RSE_EXPRESSION ?? "SWAN-MOUNT";

async function streamed<T>(path: string, token: string): Promise<T[]> {
  const response = await fetch(`${LOCAL_RUCIO_URL}${path}`, {
    headers: { "X-Rucio-Auth-Token": token, Accept: "application/x-json-stream" },
  });
  const text = await response.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

/**
 * Demo datasets jdoe has no rule for on the destination yet, topped up with fresh uploads when every demo
 * dataset has been staged by earlier runs (the local Rucio runs no cleaner daemon, so even cancelled
 * rules stay listed).
 */
async function unstagedDemoDatasets(count: number): Promise<{ scope: string; name: string }[]> {
  const token = await rucioToken("jdoe");
  const found: { scope: string; name: string }[] = [];
  for (const scope of ["mc20_13TeV", "data18_13TeV", "cms_run2"]) {
    const names = await streamed<string>(
      `/dids/${scope}/dids/search?type=dataset&filters=${encodeURIComponent("[{}]")}`,
      token,
    );
    for (const name of names.sort()) {
      const rules = await streamed<{ account: string; rse_expression: string }>(
        `/dids/${scope}/${encodeURIComponent(name)}/rules`,
        token,
      );
      if (!rules.some((rule) => rule.account === "jdoe" && rule.rse_expression === DESTINATION))
        found.push({ scope, name });
      if (found.length === count) return found;
    }
  }
  while (found.length < count) found.push(await freshJdoeDataset("staging-e2e", 2));
  return found;
}

const datasetPath = (did: { scope: string; name: string }) => `/datasets/${did.scope}/${did.name}`;

async function stageFromDatasetPage(page: Page, did: { scope: string; name: string }) {
  await page.goto(datasetPath(did));
  await page.getByRole("button", { name: "Stage", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Stage this dataset?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`${did.scope}:${did.name}`)).toBeVisible();
  await expect(dialog.getByText(`A Rucio rule to ${DESTINATION}`)).toBeVisible();
  await expect(dialog.locator("dd").nth(1)).toHaveText(/^\d+$/);
  await expect(dialog.locator("dd").nth(2)).toHaveText(/\d.*B$/);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
}

test("sign in, stage a demo dataset from its page, watch it reach 100 %, find it in the history, cancel another", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const [first, second] = await unstagedDemoDatasets(2);

  await page.goto(`/signin?callbackUrl=${encodeURIComponent(datasetPath(first!))}`);
  await submitSignInForm(page, "jdoe");
  await expect(page).toHaveURL(new RegExp(`${first!.name.replaceAll(".", "\\.")}$`));
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });

  await stageFromDatasetPage(page, first!);
  const progress = page.getByTestId("staging-progress");
  const files = progress.getByRole("progressbar", { name: "Files replicated (Rucio locks OK)" });
  await expect(files).toBeVisible();
  // Updated in place, without a reload, as the tracker follows the rule.
  await expect(files).toHaveAttribute("value", "100", { timeout: 180_000 });
  await expect(progress.getByRole("progressbar", { name: "Bytes replicated" })).toHaveAttribute("value", "100");
  await expect(progress.getByText("Replicated according to Rucio")).toBeVisible();

  await stageFromDatasetPage(page, second!);
  await expect(page.getByTestId("staging-progress")).toBeVisible();

  await page.goto("/stagings");
  // The history is shared with other specs and earlier runs (downloads of the same dataset, say), newest first.
  const rowOf = (did: { scope: string; name: string }) =>
    page
      .getByTestId("staging-row")
      .filter({ hasText: `${did.scope}:${did.name}` })
      .filter({ hasText: `rule to ${DESTINATION}` })
      .first();
  const firstRow = rowOf(first!);
  await expect(firstRow.getByText("Replicated according to Rucio")).toBeVisible();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await firstRow.getByRole("button", { name: "Copy link" }).click();
  await expect(firstRow.getByRole("status")).toHaveText("Link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/stagings\/[\w-]+$/);

  const secondRow = rowOf(second!);
  page.once("dialog", (dialog) => void dialog.accept());
  await secondRow.getByRole("button", { name: /^(Cancel|Release rule)$/ }).click();
  await expect(secondRow.getByText("Cancelled", { exact: true })).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole("heading", { name: `${first!.scope}:${first!.name}` })).toBeVisible();
  await expect(page.getByText("Replicated according to Rucio")).toBeVisible();
});
