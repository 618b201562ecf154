import { expect } from "@playwright/test";
import { portalPath, test } from "./portal-test";

const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const CONTAINER = "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910";
const datasetPath = (name: string) => `/datasets/data18_13TeV/${encodeURIComponent(name)}`;

test("a dataset page shows the catalog's metadata and its files, replicas and rules from Rucio", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent("run:348885 datatype:DAOD_PHYS")}`);
  await page.getByRole("link", { name: DATASET, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/data18_13TeV/${DATASET.replace(/\./g, "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1, name: DATASET })).toBeVisible();

  const catalog = page.getByRole("region", { name: "Catalog metadata" });
  await expect(catalog.getByText("348885", { exact: true })).toBeVisible();
  await expect(catalog.getByText("physics_Main", { exact: true })).toBeVisible();

  const files = page.getByRole("table", { name: "Files with size and checksums" });
  await expect(files.locator("tbody tr")).toHaveCount(5);
  for (const row of await files.locator("tbody tr").all()) {
    const cells = row.locator("td");
    await expect(cells.nth(0)).toHaveText(
      new RegExp(`^${DATASET.replace(/\./g, "\\.")}\\._00000[1-5]\\.pool\\.root\\.1$`),
    );
    await expect(cells.nth(2)).toHaveText(/^[0-9a-f]{8}$/);
    await expect(cells.nth(3)).toHaveText(/^[0-9a-f]{32}$/);
  }
  await expect(page.getByRole("region", { name: "Files" })).toContainText("5 files");

  const replicas = page.getByRole("table", { name: "Replicas per storage element (RSE)" });
  await expect(replicas.getByRole("rowheader", { name: "REMOTE-POSIX" })).toBeVisible();
  await expect(replicas).toContainText("5 of 5");
  await expect(page.getByRole("table", { name: "Replication rules" })).toContainText("REMOTE-POSIX");

  // Staging needs the user's own identity; Insert into notebook only exists inside JupyterLab's frame.
  await expect(page.getByRole("link", { name: "Sign in to stage" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Insert into notebook" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share" })).toBeVisible();
});

test("Share shows the portal link and an Open in JupyterLab link to this dataset, from the keyboard", async ({
  page,
  context,
  baseURL,
}) => {
  // scripts/e2e.sh configures the portal with the JupyterLab e2e tests' JupyterLab.
  const template = process.env.PORTAL_JUPYTERLAB_LINK;
  expect(template, "PORTAL_JUPYTERLAB_LINK is set by scripts/e2e.sh").toBeTruthy();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(datasetPath(DATASET));
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const share = page.getByRole("button", { name: "Share" });
  const links = page.getByRole("group", { name: "Share links" });
  await expect(links).toBeHidden();
  await share.focus();
  await page.keyboard.press("Enter");
  await expect(share).toHaveAttribute("aria-expanded", "true");

  await expect(links.getByRole("link", { name: "Portal link" })).toHaveAttribute("href", page.url());
  const lab = new URL((await links.getByRole("link", { name: "Open in JupyterLab" }).getAttribute("href"))!);
  expect(`${lab.origin}${lab.pathname}`).toBe(template);
  expect(lab.searchParams.get("rucio-catalog")).toBe(`/datasets/data18_13TeV/${DATASET}`);

  await links.getByRole("button", { name: "Copy JupyterLab link" }).click();
  await expect(links.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lab.href);
  await links.getByRole("button", { name: "Copy portal link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

  await page.keyboard.press("Escape");
  await expect(links).toBeHidden();
  await expect(share).toBeFocused();
});

test("a container page links its datasets and parents link back", async ({ page }) => {
  await page.goto(datasetPath(CONTAINER));
  const contents = page.getByRole("region", { name: "Contents" });
  await expect(contents.getByRole("link")).toHaveCount(12);
  await contents.getByRole("link", { name: `data18_13TeV:${DATASET}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: DATASET })).toBeVisible();
  await page
    .getByRole("region", { name: "In Rucio now" })
    .getByRole("link", { name: `data18_13TeV:${CONTAINER}` })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: CONTAINER })).toBeVisible();
  await expect(page.getByRole("region", { name: "Files" })).toContainText("60 files");
  await expect(page.getByRole("button", { name: "Load more files" })).toBeVisible();
});

test("inside a frame the page offers Insert into notebook", async ({ page }) => {
  await page.goto("/search");
  await page.setContent(
    `<iframe title="portal" src="${new URL(portalPath(datasetPath(DATASET)), page.url())}" style="width:1000px;height:700px"></iframe>`,
  );
  const framed = page.frameLocator("iframe[title=portal]");
  await expect(framed.getByRole("button", { name: "Insert into notebook" })).toBeVisible();
});

test("unknown datasets are a 404, on the page and in the API", async ({ page, request }) => {
  const response = await page.goto(datasetPath("data18_13TeV.no.such.dataset"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Dataset not found" })).toBeVisible();

  const api = await request.get("/api/datasets/data18_13TeV/data18_13TeV.no.such.dataset");
  expect(api.status()).toBe(404);
  expect((await api.json()).error.message).toContain("data18_13TeV.no.such.dataset");
});

test("the dataset API validates its input and pages files with a cursor", async ({ request }) => {
  expect((await request.get("/api/datasets/bad%20scope/x")).status()).toBe(400);
  expect((await request.get(`/api/datasets/data18_13TeV/${DATASET}/files?limit=0`)).status()).toBe(400);
  expect((await request.get(`/api/datasets/data18_13TeV/${DATASET}/files?cursor=garbage`)).status()).toBe(400);
  const first = await (await request.get(`/api/datasets/data18_13TeV/${DATASET}/files?limit=3`)).json();
  expect(first.items).toHaveLength(3);
  const rest = await (
    await request.get(`/api/datasets/data18_13TeV/${DATASET}/files?limit=3&cursor=${first.nextCursor}`)
  ).json();
  expect(rest.items).toHaveLength(2);
  expect(rest.nextCursor).toBeNull();

  const details = await (await request.get(`/api/datasets/data18_13TeV/${DATASET}`)).json();
  expect(details.catalog).toMatchObject({ runNumber: 348885, datatype: "DAOD_PHYS", files: 5 });
  expect(details.live).toMatchObject({ type: "DATASET", files: 5 });
});
