"use client";
import { useState } from "react";
import { formatDate } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import type { StagingView } from "@/lib/api-responses";
import { StagingProgress } from "./staging-progress";
import { cancelStaging, datasetHref, stageDataset } from "./staging-client";
import styles from "./staging.module.css";
import { useLiveStaging } from "./use-live-staging";
import { withBasePath, portalUrl } from "@/lib/base-path";

/** One request in the history: live progress and the actions re-stage, cancel, copy link. */
export function StagingRow({
  staging: initial,
  onRestaged,
}: {
  staging: StagingView;
  onRestaged: (staging: StagingView) => void;
}) {
  const { staging, replace } = useLiveStaging(initial);
  const { busy, error, run } = useAction();
  const [copied, setCopied] = useState(false);
  const act = (work: () => Promise<void>) => {
    setCopied(false);
    return run(work);
  };
  const message = error ?? (copied ? "Link copied" : null);

  const cancel = () =>
    act(async () => {
      const what =
        staging.mode === "RULE" && staging.ruleId
          ? `Rucio rule ${staging.ruleId} is deleted if the portal made it for you and nothing else uses it; otherwise it stays and this request lets go of it.`
          : "The download stops.";
      if (window.confirm(`Cancel staging ${staging.scope}:${staging.name}? ${what}`))
        replace(await cancelStaging(staging.id));
    });
  const restage = () =>
    act(async () => {
      const created = await stageDataset({
        instance: staging.instance,
        scope: staging.scope,
        name: staging.name,
        mode: staging.mode,
      });
      onRestaged(created.staging);
    });
  const copyLink = () =>
    act(async () => {
      await navigator.clipboard.writeText(portalUrl(`/stagings/${staging.id}`, window.location.origin));
      setCopied(true);
    });

  return (
    <li className={styles.row} data-testid="staging-row" data-staging-id={staging.id}>
      <div className={styles.rowHead}>
        <a className={styles.did} href={withBasePath(datasetHref(staging.scope, staging.name))}>
          {staging.scope}:{staging.name}
        </a>
        <span className={styles.meta}>
          {staging.mode === "RULE" ? `rule to ${staging.destination}` : `download to ${staging.destination}`} ·{" "}
          {formatDate(staging.createdAt)} · <a href={withBasePath(`/stagings/${staging.id}`)}>details</a>
          {staging.watchId && (
            <>
              {" "}
              ·{" "}
              <a href={withBasePath(`/watches?open=${encodeURIComponent(staging.watchId)}`)}>
                auto-staged by a watched search
              </a>
            </>
          )}
        </span>
      </div>
      <StagingProgress staging={staging} />
      <div className={styles.actions}>
        {staging.cancellable && (
          <button type="button" className={styles.secondary} onClick={cancel} disabled={busy}>
            {staging.unfinished ? "Cancel" : "Release rule"}
          </button>
        )}
        {!staging.unfinished && (
          <button type="button" className={styles.secondary} onClick={restage} disabled={busy}>
            Re-stage
          </button>
        )}
        <button type="button" className={styles.secondary} onClick={copyLink} disabled={busy}>
          Copy link
        </button>
      </div>
      {message && (
        <p role="status" className={styles.meta}>
          {message}
        </p>
      )}
    </li>
  );
}
