import { createDecipheriv, hkdfSync } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect } from "@playwright/test";
import { test } from "./portal-test";
import { resolveDatabaseUrl } from "../../prisma/lib/database-url";
import { submitSignInForm } from "./sign-in-form";
import { REPO_ROOT } from "../../testing/repo-root";

// The Rucio tokens of this test's sign-in in no response, rendered page or line of the portal's log
// (the production build over HTTP).

/** Where scripts/portal.sh writes the portal's output. */
const PORTAL_LOG = process.env.PORTAL_LOG ?? join(REPO_ROOT, ".local/portal/portal.log");
const DEMO = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };

/** The secret scripts/portal.sh gave the portal, which also derives the key of the stored Rucio tokens. */
const portalSecret = () =>
  process.env.NEXTAUTH_SECRET ?? readFileSync(join(REPO_ROOT, ".local/portal/nextauth-secret"), "utf8").trim();

interface CredentialRow {
  id: string;
  userId: string;
  instance: string;
  tokenCiphertext: string | null;
}

async function credentialsSince(since: Date): Promise<CredentialRow[]> {
  const target = resolveDatabaseUrl(process.env.DATABASE_URL);
  const sql = `SELECT "id", "userId", "instance", "tokenCiphertext", "createdAt" FROM "RucioCredential" WHERE "tokenCiphertext" IS NOT NULL`;
  if (target.provider === "sqlite") {
    const db = new Database(target.path, { readonly: true });
    try {
      const rows = db.prepare(sql).all() as (CredentialRow & { createdAt: string })[];
      return rows.filter((row) => new Date(row.createdAt) >= since);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    if (target.schema) await client.query(`SET search_path TO "${target.schema}"`);
    const { rows } = await client.query<CredentialRow & { createdAt: Date }>(sql);
    return rows.filter((row) => row.createdAt >= since);
  } finally {
    await client.end();
  }
}

/** AES-256-GCM as portal/server/auth/token-cipher.ts writes it ("v1.<iv>.<tag>.<ciphertext>", base64url). */
function decryptToken(row: CredentialRow, secret: string): string {
  const [format, iv, tag, ciphertext] = row.tokenCiphertext!.split(".");
  expect(format).toBe("v1");
  const key = Buffer.from(hkdfSync("sha256", secret, "rucio-catalog", "rucio-catalog: stored Rucio token v1", 32));
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv!, "base64url"));
  decipher.setAAD(Buffer.from(`${row.id}\n${row.userId}\n${row.instance}`, "utf8"));
  decipher.setAuthTag(Buffer.from(tag!, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext!, "base64url")), decipher.final()]).toString("utf8");
}

test("Rucio tokens: in no response, header, rendered page or portal log line", async ({ page }) => {
  test.setTimeout(120_000);
  const since = new Date(Date.now() - 1000);
  const logOffset = existsSync(PORTAL_LOG) ? statSync(PORTAL_LOG).size : 0;
  const seen: string[] = [];
  page.on("response", async (response) => {
    const headers = Object.entries(await response.allHeaders())
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
    const type = response.headers()["content-type"] ?? "";
    const body =
      /json|text|javascript|html/.test(type) && response.status() < 300 ? await response.text().catch(() => "") : "";
    seen.push(`${response.url()}\n${headers}\n${body}`);
  });

  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/stagings")}`);
  await submitSignInForm(page, "jdoe");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  const created = await page.request.post("/api/stagings", {
    data: { ...DEMO, mode: "DOWNLOAD", destination: "rucio-data/e2e-security" },
  });
  expect(created.status()).toBe(201);
  const createdText = await created.text();
  seen.push(createdText);
  const { staging } = JSON.parse(createdText) as { staging: { id: string } };

  for (const path of [
    "/",
    "/search?q=DAOD_PHYS",
    `/datasets/${DEMO.scope}/${DEMO.name}`,
    "/stagings",
    `/stagings/${staging.id}`,
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    seen.push(await page.content());
  }
  const cancelled = await page.request.delete(`/api/stagings/${staging.id}`);
  seen.push(await cancelled.text());

  const secret = portalSecret();
  const tokens = (await credentialsSince(since)).map((row) => decryptToken(row, secret));
  expect(tokens.length).toBeGreaterThanOrEqual(1);
  const log = existsSync(PORTAL_LOG) ? readFileSync(PORTAL_LOG).subarray(logOffset).toString("utf8") : "";
  expect(seen.length).toBeGreaterThan(10);
  for (const token of tokens) {
    for (const piece of [token, token.slice(0, 24), token.slice(-24)]) {
      expect(seen.filter((text) => text.includes(piece)).map((text) => text.slice(0, 120))).toEqual([]);
      expect(log.includes(piece)).toBe(false);
    }
  }
});
