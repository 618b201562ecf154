import { expect, type Page } from "@playwright/test";
import { test } from "./portal-test";
import { seriousViolations } from "./axe";
import { submitSignInForm } from "./sign-in-form";
import { freshJdoeDataset, LOCAL_RUCIO_URL, rucioToken } from "../../testing/local-rucio";

// The staging planner against the real local Rucio: "already available" for a dataset whose replicas
// are complete on the session's RSE, alice refused over her 1 KiB quota before any rule exists, and a
// finished staging's estimate against the time it took.

const DESTINATION = process.env.STAGING_RSE_EXPRESSION ?? "SWAN-MOUNT";
type Did = { scope: string; name: string };
const datasetPath = (did: Did) => `/datasets/${did.scope}/${did.name}`;

const tokens = new Map<string, Promise<string>>();

async function rucio(account: string, path: string, init: RequestInit = {}): Promise<Response> {
  if (!tokens.has(account)) tokens.set(account, rucioToken(account));
  const headers = { "X-Rucio-Auth-Token": await tokens.get(account)!, "Content-Type": "application/json" };
  return fetch(`${LOCAL_RUCIO_URL}${path}`, { ...init, headers: { ...headers, ...init.headers } });
}

/**
 * jdoe's rule to the session's RSE made straight in Rucio, once its daemons have taken it to OK. It lasts
 * a day: the portal reuses a rule that has hours left rather than one about to end.
 */
async function ruleToDestinationOk(did: Did): Promise<string> {
  const created = await rucio("jdoe", "/rules/", {
    method: "POST",
    body: JSON.stringify({ dids: [did], copies: 1, rse_expression: DESTINATION, account: "jdoe", lifetime: 86_400 }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const [ruleId] = (await created.json()) as string[];
  // Rucio's server closes a kept-alive connection now and then: a failed look is just one more look.
  const state = () =>
    rucio("jdoe", `/rules/${ruleId}`)
      .then(async (answer) => ((await answer.json()) as { state: string }).state)
      .catch((error: unknown) => String(error));
  await expect.poll(state, { timeout: 180_000, intervals: [2_000] }).toBe("OK");
  return ruleId!;
}

/** The DID's rules (the upload made jdoe's on the upload RSE). */
async function rulesOf(did: Did): Promise<{ account: string }[]> {
  const text = await (await rucio("root", `/dids/${did.scope}/${encodeURIComponent(did.name)}/rules`)).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { account: string });
}

async function signIn(page: Page, account: string, did: Did) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(datasetPath(did))}`);
  await submitSignInForm(page, account);
  await expect(page.getByRole("navigation", { name: "Account" }).getByText(account)).toBeVisible({ timeout: 30_000 });
}

const planSection = (page: Page) => page.getByRole("region", { name: "Staging plan" });

/** Serious WCAG 2.1 AA findings inside the plan, in the light and the dark theme. */
async function planViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of await seriousViolations(page, '[aria-labelledby="staging-plan-heading"]'))
      found.push(`${colorScheme}: ${violation.id}`);
  }
  return found;
}

test("a dataset complete on the session's RSE is already available; a finished staging shows estimate against actual", async ({
  page,
}) => {
  test.setTimeout(420_000);
  const there = await freshJdoeDataset("planner-e2e", 2);
  const ruleId = await ruleToDestinationOk(there);
  try {
    await signIn(page, "jdoe", there);
    const plan = planSection(page);
    await expect(plan.getByRole("status")).toHaveText(
      `Already available: every file is on ${DESTINATION}, which your session mounts. Staging is not needed.`,
    );
    await expect(plan.getByText(/^REMOTE-SCRATCHDISK, SWAN-MOUNT$|^SWAN-MOUNT, REMOTE-SCRATCHDISK$/)).toBeVisible();
    expect(await planViolations(page)).toEqual([]);

    // Staging it anyway reuses jdoe's rule, which is OK already: a finished staging for the history.
    await page.getByRole("button", { name: "Stage", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Stage this dataset?" });
    await expect(dialog.getByTestId("staging-plan").getByRole("status")).toContainText("Already available");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("staging-progress").getByText("Replicated according to Rucio")).toBeVisible({
      timeout: 120_000,
    });

    const next = await freshJdoeDataset("planner-e2e", 2);
    await page.goto(datasetPath(next));
    await expect(
      planSection(page).getByText(/^About .+ until available \((low|medium|high) confidence\)\.$/),
    ).toBeVisible();
    await expect(planSection(page).getByText(/^Missing$/)).toBeVisible();
    // The dialog opens and confirms from the keyboard.
    await page.getByRole("button", { name: "Stage", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Stage this dataset?" })).toBeVisible();
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("staging-progress").getByText("Replicated according to Rucio")).toBeVisible({
      timeout: 180_000,
    });

    await page.goto("/stagings");
    const row = page
      .getByTestId("staging-row")
      .filter({ hasText: `${next.scope}:${next.name}` })
      .first();
    await expect(row.getByTestId("estimate-vs-actual")).toHaveText(
      /^estimated \d+ (s|min) \((low|medium|high) confidence\) · took \d+ (s|min)$/,
    );
  } finally {
    await rucio("root", `/rules/${ruleId}`, { method: "DELETE", body: JSON.stringify({ purge_replicas: false }) });
  }
});

test("a staging over alice's quota is refused with Rucio's numbers before any rule exists", async ({ page }) => {
  test.setTimeout(180_000);
  const did = await freshJdoeDataset("planner-quota-e2e", 2);
  await signIn(page, "alice", did);
  const refusal = planSection(page).getByRole("alert");
  await expect(refusal).toContainText("Over your Rucio quota");
  await expect(refusal).toContainText(`on ${DESTINATION} account alice has a limit of 1,024 bytes`);
  expect(await planViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Stage", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Stage this dataset?" });
  await expect(dialog.getByTestId("staging-plan").getByRole("alert")).toContainText("limit of 1,024 bytes");
  await expect(dialog.getByRole("button", { name: "Confirm" })).toBeDisabled();

  // The portal refuses it too when asked directly, and Rucio never sees a rule.
  const answer = await page.request.post("/api/stagings", { data: { scope: did.scope, name: did.name } });
  expect(answer.status()).toBe(409);
  const { error } = (await answer.json()) as { error: { message: string } };
  expect(error.message).toMatch(/needs [\d,]+ bytes, but on SWAN-MOUNT account alice has a limit of 1,024 bytes/);
  expect((await rulesOf(did)).filter((rule) => rule.account === "alice")).toEqual([]);
});
