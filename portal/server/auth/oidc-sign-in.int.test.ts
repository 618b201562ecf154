import { afterAll, beforeAll, expect, it } from "vitest";
import { startOidcIssuer, type OidcIssuer } from "./testing/oidc-issuer";
import { api, CookieJarClient } from "../../../testing/cookie-jar-client";
import { freePort } from "../../../testing/free-port";
import { freshJdoeDataset } from "../../../testing/local-rucio";
import { type PortalUnderTest, startPortalUnderTest } from "../../../testing/portal-under-test";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";
import { SESSION_COOKIE } from "../../../testing/sign-in";

// Signing in through a real OpenID Connect provider (oidc-provider, authorization code + PKCE) into a
// real Next.js server, with a cookie-keeping HTTP client. The local Rucio has no OIDC: the identity is
// mapped to a Rucio account by configuration (OIDC_RUCIO_ACCOUNTS) and the portal's service identity
// acts for that account; an unmapped identity may sign in and browse but not stage.

let scratch: ScratchDatabase;
let issuer: OidcIssuer;
let portal: PortalUnderTest;
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ db: (await import("@/server/db/client")).db, rucio: await import("@/server/rucio") });
const ruleIds: string[] = [];

beforeAll(async () => {
  scratch = await useScratchDatabase("oidc");
  modules = await load();
  const port = await freePort();
  issuer = await startOidcIssuer({
    redirectUri: `http://127.0.0.1:${port}/api/auth/callback/oidc`,
    identities: {
      "jane-0001": { name: "Jane Doe", preferred_username: "jane.doe", email: "jane.doe@example.org" },
      "mallory-0002": { name: "Mallory", preferred_username: "mallory", email: "mallory@example.org" },
    },
  });
  portal = await startPortalUnderTest({
    label: "oidc-sign-in",
    port,
    env: {
      DATABASE_URL: scratch.url,
      OIDC_ISSUER: issuer.issuer,
      OIDC_CLIENT_ID: issuer.clientId,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      OIDC_DISPLAY_NAME: "Test SSO",
      OIDC_ACCOUNT_CLAIM: "preferred_username",
      OIDC_RUCIO_ACCOUNTS: JSON.stringify({ "jane.doe": "jdoe" }),
    },
  });
}, 600_000);

afterAll(async () => {
  for (const ruleId of ruleIds)
    await modules?.rucio.deleteRule(modules.rucio.serviceCaller(), ruleId).catch(() => undefined);
  await portal?.stop();
  await issuer?.stop();
  await modules?.db.$disconnect();
  await scratch?.drop();
});

const formAction = (html: string, base: string) => {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page:\n${html.slice(0, 500)}`);
  return new URL(action.replaceAll("&amp;", "&"), base).toString();
};

/** The whole browser journey: portal → provider login page → consent → portal callback. */
async function signInThroughProvider(client: CookieJarClient, login: string) {
  const csrf = JSON.parse((await client.visit(`${portal.url}/api/auth/csrf`)).body) as { csrfToken: string };
  const start = await client.send(`${portal.url}/api/auth/signin/oidc`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${portal.url}/stagings`, json: "true" }),
  });
  const { url: authorizationUrl } = (await start.json()) as { url: string };
  expect(authorizationUrl.startsWith(`${issuer.issuer}/auth?`)).toBe(true);
  expect(new URL(authorizationUrl).searchParams.get("code_challenge_method")).toBe("S256");

  const loginPage = await client.visit(authorizationUrl);
  expect(loginPage.body).toContain('name="login"');
  const consentPage = await client.submitForm(formAction(loginPage.body, loginPage.url), {
    prompt: "login",
    login,
    password: "any",
  });
  expect(consentPage.body).toContain('name="prompt" value="consent"');
  return client.submitForm(formAction(consentPage.body, consentPage.url), { prompt: "consent" });
}

it("signs a mapped identity in by the authorization code flow; staging acts as the mapped account", async () => {
  const jane = new CookieJarClient();
  const landed = await signInThroughProvider(jane, "jane-0001");
  expect(landed.hops.some((hop) => hop.startsWith(`${portal.url}/api/auth/callback/oidc?code=`))).toBe(true);
  expect(landed.url).toBe(`${portal.url}/stagings`);
  expect(jane.cookie(portal.url, SESSION_COOKIE)?.raw).toMatch(/HttpOnly/i);
  expect((await api(jane, `${portal.url}/api/auth/session`)).json).toEqual({
    user: { name: "Jane Doe" },
    expires: expect.any(String),
  });

  const signIn = await modules.db.rucioCredential.findFirstOrThrow({
    where: { kind: "OIDC", account: "jdoe" },
    include: { user: { include: { accounts: true } } },
  });
  expect(signIn.tokenCiphertext).toBeNull();
  expect(signIn.user.accounts).toMatchObject([{ provider: "oidc", providerAccountId: `${issuer.issuer}|jane-0001` }]);

  const dataset = await freshJdoeDataset("oidc", 1);
  const created = await api(jane, `${portal.url}/api/stagings`, {
    method: "POST",
    body: { scope: dataset.scope, name: dataset.name },
  });
  expect(created.status).toBe(201);
  const staging = created.json.staging as { ruleId: string; account: string };
  ruleIds.push(staging.ruleId);
  expect(staging.account).toBe("jdoe");
  expect((await modules.rucio.getRule(modules.rucio.serviceCaller(), staging.ruleId)).account).toBe("jdoe");
  const detail = await api(jane, `${portal.url}/api/stagings/${(created.json.staging as { id: string }).id}`);
  expect((detail.json.events as { message: string }[])[0]?.message).toMatch(/through the portal's service identity/);
});

it("lets an unmapped identity sign in and refuses its staging with a clear message", async () => {
  const mallory = new CookieJarClient();
  await signInThroughProvider(mallory, "mallory-0002");
  expect((await api(mallory, `${portal.url}/api/auth/session`)).json).toMatchObject({ user: { name: "Mallory" } });
  expect((await api(mallory, `${portal.url}/api/stagings`)).json).toEqual({ stagings: [], nextCursor: null });
  const refused = await api(mallory, `${portal.url}/api/stagings`, {
    method: "POST",
    body: { scope: "mc20_13TeV", name: "anything" },
  });
  expect(refused.status).toBe(403);
  expect((refused.json.error as { message: string }).message).toMatch(
    /not mapped to a Rucio account on instance "default"/,
  );
});

it("refuses a callback whose state does not match the one the portal issued", async () => {
  const forger = new CookieJarClient();
  const landed = await forger.visit(`${portal.url}/api/auth/callback/oidc?code=stolen&state=forged`);
  expect(forger.cookie(portal.url, SESSION_COOKIE)).toBeUndefined();
  expect(new URL(landed.url).pathname).toBe("/signin");
  expect(new URL(landed.url).searchParams.get("error")).toBe("OAuthCallback");
});
