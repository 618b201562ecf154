import "server-only";
import { DEVELOPMENT_SECRET } from "@/server/auth";
import type { env as portalEnv } from "@/server/env";
import { parseFrameAncestors } from "@/server/security-headers";

/**
 * The demo's defaults are public: the local Rucio's root/root-secret, a development secret anyone can
 * read here, frame ancestors on localhost. A production portal refuses to start on any of them rather
 * than run with a known identity, forgeable sessions, or a JupyterLab allowlist nobody chose.
 */
type PortalEnv = typeof portalEnv;

/** The demo Rucio's root password (rucio/), which a real Rucio must never accept. */
const DEMO_ROOT_PASSWORD = "root-secret";
const SERVICE_IDENTITY_VARIABLES = ["RUCIO_USERNAME", "RUCIO_PASSWORD", "RUCIO_ACCOUNT"] as const;

function serviceIdentityProblems(env: PortalEnv, isSet: (name: string) => boolean): string[] {
  const problems: string[] = [];
  const defaultInstance = env.instances[0]?.name;
  for (const instance of env.instances) {
    if (instance.username && instance.password) {
      if (instance.password === DEMO_ROOT_PASSWORD) {
        problems.push(
          `RUCIO_INSTANCES: the service identity of instance "${instance.name}" uses the demo's password "${DEMO_ROOT_PASSWORD}"`,
        );
      }
      continue;
    }
    // Only the default instance falls back to RUCIO_USERNAME/PASSWORD/ACCOUNT (server/rucio/instances.ts).
    if (instance.name !== defaultInstance) continue;
    for (const name of SERVICE_IDENTITY_VARIABLES) {
      if (!isSet(name)) problems.push(`${name} is not set: the portal would act on Rucio as the demo's root account`);
    }
    if (isSet("RUCIO_PASSWORD") && env.RUCIO_PASSWORD === DEMO_ROOT_PASSWORD) {
      problems.push(`RUCIO_PASSWORD is the demo's password "${DEMO_ROOT_PASSWORD}"`);
    }
  }
  return problems;
}

function frameAncestorProblems(env: PortalEnv): string[] {
  if (!env.PORTAL_FRAME_ANCESTORS?.trim()) {
    return [
      "PORTAL_FRAME_ANCESTORS is not set: name the JupyterLab origins that may embed the portal (the default is the demo's localhost)",
    ];
  }
  try {
    parseFrameAncestors(env.PORTAL_FRAME_ANCESTORS);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function secretProblems(env: PortalEnv): string[] {
  if (!env.NEXTAUTH_SECRET) return ["NEXTAUTH_SECRET is not set: generate one with `openssl rand -base64 32`"];
  if (env.NEXTAUTH_SECRET === DEVELOPMENT_SECRET)
    return ["NEXTAUTH_SECRET is the public development secret: generate one with `openssl rand -base64 32`"];
  return [];
}

/**
 * Why this configuration must not serve in production, one line per variable; empty when it may, or
 * when PORTAL_DEPLOYMENT names a demo, test or development portal. `isSet` tells whether a variable was
 * given at all (the parsed environment has its defaults filled in).
 */
export function productionDefaultProblems(env: PortalEnv, isSet: (name: string) => boolean): string[] {
  if (env.PORTAL_DEPLOYMENT !== "production") return [];
  return [...secretProblems(env), ...serviceIdentityProblems(env, isSet), ...frameAncestorProblems(env)];
}

export function productionRefusal(problems: string[]): string {
  return [
    "The portal refuses to start: PORTAL_DEPLOYMENT is production (the default) and the configuration uses the demo's defaults.",
    ...problems.map((problem) => `  - ${problem}`),
    "Set these, or PORTAL_DEPLOYMENT=demo|test|development for a portal that is not in production.",
  ].join("\n");
}
