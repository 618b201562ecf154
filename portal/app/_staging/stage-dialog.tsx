"use client";
import { useEffect, useRef, useState } from "react";
import { formatBytes, formatCount } from "@/app/_components/format";
import { ApiError } from "@/lib/api-client";
import type { StagingView } from "@/lib/api-responses";
import { formatDuration } from "@/lib/staging/progress";
import { LiveStagingProgress } from "./live-staging-progress";
import { StagingProgress } from "./staging-progress";
import { SignInAgainLink } from "./sign-in-again";
import { announceStagingCreated, stageDataset } from "./staging-client";
import { StagingPlanView, useStagingPlan } from "./staging-plan";
import { useStagingMode } from "./use-staging-mode";
import { useLocalData } from "./use-local-data";
import { useEmbedBridge } from "@/app/_bridge/embed-bridge-provider";
import { localDataSentence, stageLabel } from "@/lib/staging/local-data";
import styles from "./staging.module.css";
import { withBasePath } from "@/lib/base-path";

export interface StageDialogProps {
  instance: string;
  scope: string;
  name: string;
  bytes: number | null;
  files: number | null;
  /** The portal's configured mode; a JupyterLab session that announced its own wins. */
  mode: "RULE" | "DOWNLOAD";
  /** Where each mode puts the data: the RSE expression, the session folder. */
  ruleDestination: string;
  downloadFolder: string;
  ruleLifetimeSeconds: number;
  /** Where the destination RSE is mounted in sessions, when configured. */
  mountPath: string | null;
}

type Outcome = { staging: StagingView } | { error: string; status?: number; staging?: StagingView };

/** The Stage button: asks for confirmation (size, file count, where to), then shows live progress. */
export function StageDialog(props: StageDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Download mode needs the Jupyter server of the session to run the download: only when embedded.
  const [embedded, setEmbedded] = useState(true);
  useEffect(() => setEmbedded(window.parent !== window), []);
  const mode = useStagingMode(props.mode);
  const [open, setOpen] = useState(false);
  const target = { instance: props.instance, scope: props.scope, name: props.name, mode };
  const plan = useStagingPlan(target).data;
  const local = useLocalData(target);
  const localNote = localDataSentence(local, formatCount, formatBytes);
  const label = stageLabel(local);
  // In JupyterLab's panel a dataset the session has whole needs no Stage: Insert gives its paths.
  const inPanel = useEmbedBridge().connected;
  const cannotDownload = mode === "DOWNLOAD" && !embedded;
  const titleId = `stage-title-${props.scope}-${props.name}`.replace(/[^\w-]/g, "_");

  async function confirm() {
    setBusy(true);
    try {
      const created = await stageDataset({ instance: props.instance, scope: props.scope, name: props.name, mode });
      announceStagingCreated(created);
      setOutcome({ staging: created.staging });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setOutcome(
        error instanceof ApiError
          ? { error: message, status: error.status, staging: error.body?.staging }
          : { error: message },
      );
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  }

  const where =
    mode === "RULE"
      ? `A Rucio rule to ${props.ruleDestination}${props.mountPath ? `, mounted in your session at ${props.mountPath}` : ""}`
      : `A download into your Jupyter session, folder ${props.downloadFolder}`;

  if (inPanel && label === null && !outcome)
    return (
      <p role="status" className={styles.available} data-testid="local-data">
        {localNote}
      </p>
    );

  return (
    <div className={styles.stage}>
      {localNote && (
        <p role="status" className={styles.localData} data-testid="local-data">
          {localNote}
        </p>
      )}
      <div>
        <button
          type="button"
          className={styles.button}
          onClick={() => {
            setOpen(true);
            dialog.current?.showModal();
          }}
          disabled={busy}
        >
          {label ?? "Stage"}
        </button>
      </div>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <h2 id={titleId}>Stage this dataset?</h2>
        <dl className={styles.facts}>
          <dt>Dataset</dt>
          <dd className={styles.did}>
            {props.scope}:{props.name}
          </dd>
          <dt>Files</dt>
          <dd>{formatCount(props.files)}</dd>
          <dt>Size</dt>
          <dd>{formatBytes(props.bytes)}</dd>
          <dt>How</dt>
          <dd>{where}</dd>
          {mode === "RULE" && (
            <>
              <dt>Kept for</dt>
              <dd>{formatDuration(props.ruleLifetimeSeconds)} (then Rucio may remove the copy)</dd>
            </>
          )}
        </dl>
        {open && <StagingPlanView target={target} />}
        {cannotDownload && (
          <p role="alert" className={styles.error}>
            Downloads run in your Jupyter session: open the portal from JupyterLab&apos;s Rucio Catalog panel to stage
            this way.
          </p>
        )}
        <div className={styles.actions}>
          <button type="button" className={styles.secondary} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className={styles.button}
            onClick={confirm}
            disabled={busy || cannotDownload || Boolean(plan?.refusal)}
          >
            {busy ? "Staging…" : "Confirm"}
          </button>
        </div>
      </dialog>
      {outcome && "error" in outcome && (
        <>
          <p role="alert" className={styles.error}>
            {outcome.error}
          </p>
          {/* Inside JupyterLab the Jupyter server renews the token; outside, the user signs in again. */}
          {outcome.status === 401 && !embedded && <SignInAgainLink />}
          {outcome.staging && <StagingProgress staging={outcome.staging} />}
        </>
      )}
      {outcome && !("error" in outcome) && (
        <>
          <LiveStagingProgress staging={outcome.staging} />
          <p className={styles.meta}>
            Follow it in <a href={withBasePath("/stagings")}>your staging history</a>.
          </p>
        </>
      )}
    </div>
  );
}
