import { describe, expect, it } from "vitest";
import { DEVELOPMENT_SECRET } from "./auth/config";
import { env } from "./env";
import { productionDefaultProblems, productionRefusal } from "./production-defaults";

type PortalEnv = typeof env;

/** A production configuration with everything set to a deployment's own values. */
const chosen: PortalEnv = {
  ...env,
  PORTAL_DEPLOYMENT: "production",
  NEXTAUTH_SECRET: "a".repeat(44),
  RUCIO_USERNAME: "catalog-service",
  RUCIO_PASSWORD: "s3rvice-password",
  RUCIO_ACCOUNT: "catalog",
  PORTAL_FRAME_ANCESTORS: "https://swan.example.org",
  instances: [{ name: "default", url: "https://rucio.example.org" }],
};
const everythingSet = () => true;
const unset =
  (...names: string[]) =>
  (name: string) =>
    !names.includes(name);

describe("production refuses the demo's defaults", () => {
  it("accepts a configuration of its own", () => {
    expect(productionDefaultProblems(chosen, everythingSet)).toEqual([]);
  });

  it("names every variable left at a demo default", () => {
    const demo: PortalEnv = {
      ...chosen,
      NEXTAUTH_SECRET: undefined,
      RUCIO_USERNAME: "root",
      RUCIO_PASSWORD: "root-secret",
      RUCIO_ACCOUNT: "root",
      PORTAL_FRAME_ANCESTORS: undefined,
    };
    const problems = productionDefaultProblems(
      demo,
      unset("NEXTAUTH_SECRET", "RUCIO_USERNAME", "RUCIO_PASSWORD", "RUCIO_ACCOUNT", "PORTAL_FRAME_ANCESTORS"),
    );
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "NEXTAUTH_SECRET",
      "RUCIO_USERNAME",
      "RUCIO_PASSWORD",
      "RUCIO_ACCOUNT",
      "PORTAL_FRAME_ANCESTORS",
    ]);
    expect(productionRefusal(problems)).toMatch(
      /^The portal refuses to start: PORTAL_DEPLOYMENT is production .*\n {2}- NEXTAUTH_SECRET is not set/,
    );
  });

  it("refuses the public development secret and the demo's root password even when set explicitly", () => {
    expect(productionDefaultProblems({ ...chosen, NEXTAUTH_SECRET: DEVELOPMENT_SECRET }, everythingSet)).toEqual([
      "NEXTAUTH_SECRET is the public development secret: generate one with `openssl rand -base64 32`",
    ]);
    expect(productionDefaultProblems({ ...chosen, RUCIO_PASSWORD: "root-secret" }, everythingSet)).toEqual([
      'RUCIO_PASSWORD is the demo\'s password "root-secret"',
    ]);
  });

  it("refuses an instance whose own service identity is root/root-secret, and a blank or malformed frame ancestor list", () => {
    const instances = [
      { name: "main", url: "https://rucio.example.org", username: "svc", password: "fine-password" },
      { name: "other", url: "https://other.example.org", username: "root", password: "root-secret", account: "root" },
    ];
    // Instances with identities of their own need no RUCIO_USERNAME/PASSWORD/ACCOUNT.
    expect(
      productionDefaultProblems(
        { ...chosen, instances, PORTAL_FRAME_ANCESTORS: "  " },
        unset("RUCIO_USERNAME", "RUCIO_PASSWORD", "RUCIO_ACCOUNT"),
      ),
    ).toEqual([
      'RUCIO_INSTANCES: the service identity of instance "other" uses the demo\'s password "root-secret"',
      "PORTAL_FRAME_ANCESTORS is not set: name the JupyterLab origins that may embed the portal (the default is the demo's localhost)",
    ]);
    expect(
      productionDefaultProblems({ ...chosen, PORTAL_FRAME_ANCESTORS: "https://*.example.org" }, everythingSet),
    ).toEqual(['PORTAL_FRAME_ANCESTORS: "https://*.example.org" is not a plain http(s) origin']);
  });

  it("lets demo, test and development portals run on the defaults", () => {
    for (const deployment of ["demo", "test", "development"] as const) {
      const demo: PortalEnv = {
        ...chosen,
        PORTAL_DEPLOYMENT: deployment,
        NEXTAUTH_SECRET: undefined,
        RUCIO_PASSWORD: "root-secret",
        PORTAL_FRAME_ANCESTORS: undefined,
      };
      expect(productionDefaultProblems(demo, () => false)).toEqual([]);
    }
  });
});
