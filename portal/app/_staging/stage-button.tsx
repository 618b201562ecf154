import { currentSignIn } from "@/server/auth";
import { mountFor, stagingConfig } from "@/server/staging";
import { defaultInstanceName, getDid, serviceCaller } from "@/server/rucio";
import { datasetHref, signInAgainHref } from "./staging-client";
import { StageDialog } from "./stage-dialog";
import styles from "./staging.module.css";
import { withBasePath } from "@/lib/base-path";

export interface StageButtonProps {
  scope: string;
  name: string;
  /** Total size and file count, as the dataset page shows them (for the confirmation). */
  bytes: number | null;
  files: number | null;
  instance?: string;
  /** Overrides the configured mode (e.g. what the JupyterLab session announced). */
  mode?: "RULE" | "DOWNLOAD";
}

/** Size and file count from Rucio when the page has none (a DID the catalog has not indexed yet). */
async function liveTotals(
  instance: string,
  scope: string,
  name: string,
): Promise<{ bytes: number | null; files: number | null }> {
  try {
    const did = await getDid(serviceCaller(instance, AbortSignal.timeout(5_000)), scope, name);
    return { bytes: did.bytes, files: did.type === "FILE" ? 1 : did.length };
  } catch {
    return { bytes: null, files: null };
  }
}

/**
 * Stage button for a dataset page (server component): signed-in users get the confirmation dialog,
 * others a link to sign in that comes back to the page.
 */
export async function StageButton({ scope, name, bytes, files, instance, mode }: StageButtonProps) {
  const signIn = await currentSignIn();
  if (!signIn) {
    const back = encodeURIComponent(datasetHref(scope, name));
    return (
      <a className={styles.secondary} href={withBasePath(`/signin?callbackUrl=${back}`)}>
        Sign in to stage
      </a>
    );
  }
  if (signIn.kind === "USERPASS" && signIn.tokenExpiresAt && signIn.tokenExpiresAt.getTime() <= Date.now()) {
    return (
      <p className={styles.meta}>
        Your Rucio sign-in has expired, so the portal cannot stage for you.{" "}
        <a className={styles.secondary} href={signInAgainHref(datasetHref(scope, name))}>
          Sign in again
        </a>
      </p>
    );
  }
  const target = instance ?? defaultInstanceName();
  if (signIn.instance !== target) {
    return (
      <p className={styles.meta}>
        You are signed in to Rucio instance {signIn.instance}; sign in to {target} to stage this dataset.
      </p>
    );
  }
  if (!signIn.account) {
    return (
      <p className={styles.meta}>Your sign-in is not mapped to a Rucio account, so the portal cannot stage for you.</p>
    );
  }
  const config = stagingConfig();
  const chosen = mode ?? config.defaultMode;
  const totals = bytes === null || files === null ? await liveTotals(target, scope, name) : { bytes, files };
  return (
    <StageDialog
      instance={target}
      scope={scope}
      name={name}
      bytes={totals.bytes}
      files={totals.files}
      mode={chosen}
      ruleDestination={config.rseExpression}
      downloadFolder={config.downloadFolder}
      ruleLifetimeSeconds={config.ruleLifetimeSeconds}
      mountPath={mountFor(config.rseExpression, config.mounts)?.path ?? null}
    />
  );
}
