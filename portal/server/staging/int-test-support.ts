import "server-only";
import { randomBytes } from "node:crypto";
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll } from "vitest";
import { decryptToken } from "../auth/token-cipher";
import type { CookieJarClient } from "../../../testing/cookie-jar-client";
import { freshJdoeDataset } from "../../../testing/local-rucio";
import { type PortalUnderTest, startPortalUnderTest } from "../../../testing/portal-under-test";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";
import { SESSION_COOKIE } from "../../../testing/sign-in";

/**
 * Registers a staging integration suite's hooks: before all, a fresh catalog database that the
 * portal's modules use, then `loadModules` (which must import them only now); after all, the Rucio
 * rules put in the returned list deleted, the database client disconnected and the database dropped.
 */
export function useStagingDatabase(label: string, loadModules: () => Promise<void>): string[] {
  const ruleIds: string[] = [];
  let scratch: ScratchDatabase | undefined;
  let loaded = false;
  beforeAll(async () => {
    scratch = await useScratchDatabase(label);
    await loadModules();
    loaded = true;
  });
  afterAll(async () => {
    if (loaded) {
      const rucio = await import("@/server/rucio");
      for (const ruleId of ruleIds) await rucio.deleteRule(rucio.serviceCaller(), ruleId).catch(() => undefined);
      await (await import("@/server/db/client")).db.$disconnect();
    }
    await scratch?.drop();
  });
  return ruleIds;
}

/** The modules the staging suites drive, to import once the database exists (see useStagingDatabase). */
export async function loadStagingModules() {
  return {
    ...(await import("./create-staging")),
    ...(await import("./requests")),
    ...(await import("./tracker")),
    ...(await import("./config")),
    ...(await import("./errors")),
    ...(await import("../../../testing/recorded-sign-in")),
    rucio: await import("@/server/rucio"),
    db: (await import("@/server/db/client")).db,
  };
}

/** A staging suite's portal over real HTTP; the fields are set once its `beforeAll` has run. */
export interface StagingPortal {
  url: string;
  secret: string;
  /** A fresh jdoe dataset of two files. */
  dataset: { scope: string; name: string };
  /** Rules the suite made, deleted after all. */
  ruleIds: string[];
  modules: { db: (typeof import("@/server/db/client"))["db"]; rucio: typeof import("@/server/rucio") };
  /** The credential behind a client's portal session, with its Rucio token decrypted. */
  storedCredential(client: CookieJarClient): Promise<{ kind: string; token: string; expiresAt: number | null }>;
}

/**
 * Registers hooks for a suite that drives the portal over HTTP: before all, a fresh database, a fresh
 * jdoe dataset and a portal under test (next dev) staging RULE to SWAN-MOUNT, with `env` added; after all,
 * the rules in `ruleIds` deleted, the portal stopped and the database dropped.
 */
export function useStagingPortal(label: string, env: Record<string, string> = {}): StagingPortal {
  let scratch: ScratchDatabase | undefined;
  let portal: PortalUnderTest | undefined;
  const suite = {
    secret: randomBytes(32).toString("base64url"),
    ruleIds: [],
    async storedCredential(client: CookieJarClient) {
      const claims = await decode({ token: client.cookie(suite.url, SESSION_COOKIE)!.value, secret: suite.secret });
      const row = await suite.modules.db.rucioCredential.findUniqueOrThrow({
        where: { id: String(claims!.credentialId) },
      });
      const token = decryptToken(row.tokenCiphertext!, `${row.id}\n${row.userId}\n${row.instance}`, suite.secret);
      return { kind: row.kind, token, expiresAt: row.tokenExpiresAt?.getTime() ?? null };
    },
  } as Partial<StagingPortal> as StagingPortal;
  beforeAll(async () => {
    scratch = await useScratchDatabase(label.replaceAll("-", "_"));
    suite.modules = { db: (await import("@/server/db/client")).db, rucio: await import("@/server/rucio") };
    const uploaded = await freshJdoeDataset(label, 2);
    suite.dataset = { scope: uploaded.scope, name: uploaded.name };
    portal = await startPortalUnderTest({
      label,
      env: {
        DATABASE_URL: scratch.url,
        NEXTAUTH_SECRET: suite.secret,
        STAGING_DEFAULT_MODE: "RULE",
        STAGING_RSE_EXPRESSION: "SWAN-MOUNT",
        ...env,
      },
    });
    suite.url = portal.url;
  }, 600_000);
  afterAll(async () => {
    const { modules } = suite;
    for (const ruleId of suite.ruleIds)
      await modules?.rucio.deleteRule(modules.rucio.serviceCaller(), ruleId).catch(() => undefined);
    await portal?.stop();
    await modules?.db.$disconnect();
    await scratch?.drop();
  });
  return suite;
}
