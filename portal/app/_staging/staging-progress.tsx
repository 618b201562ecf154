import { formatBytes, formatCount } from "@/app/_components/format";
import type { StagingView } from "@/lib/api-responses";
import { estimateVersusActual } from "@/lib/staging/plan-text";
import { formatDuration } from "@/lib/staging/progress";
import { STATE_LABELS } from "./staging-client";
import styles from "./staging.module.css";

/** Rule mode's "done" is Rucio's word for it: the mock transfer tool of the demo moves no bytes. */
export function stateLabel(staging: StagingView): string {
  if (staging.mode === "RULE" && staging.state === "OK") return "Replicated according to Rucio";
  return STATE_LABELS[staging.state];
}

function Bar({ label, percent, text }: { label: string; percent: number | null; text: string }) {
  return (
    <div className={styles.bar}>
      <div className={styles.barLabel}>
        <span>{label}</span>
        <span>
          {text}
          {percent === null ? "" : ` (${percent} %)`}
        </span>
      </div>
      <progress aria-label={label} max={100} value={percent ?? undefined} />
    </div>
  );
}

/** Files, bytes, state and ETA of one staging request (display only; see LiveStagingProgress). */
export function StagingProgress({ staging }: { staging: StagingView }) {
  const rule = staging.mode === "RULE";
  const versus = estimateVersusActual(staging);
  return (
    <div className={styles.progress} data-testid="staging-progress" data-state={staging.state}>
      <div className={styles.progressHeader}>
        <span className={styles.state} data-state={staging.state}>
          {stateLabel(staging)}
        </span>
        {staging.secondsLeft !== null && (
          <span className={styles.meta}>about {formatDuration(staging.secondsLeft)} left</span>
        )}
      </div>
      <Bar
        label={rule ? "Files replicated (Rucio locks OK)" : "Files downloaded"}
        percent={staging.filesPercent}
        text={`${formatCount(staging.filesDone)} / ${formatCount(staging.filesTotal)} files`}
      />
      <Bar
        label={rule ? "Bytes replicated" : "Bytes downloaded"}
        percent={staging.bytesPercent}
        text={`${formatBytes(staging.bytesDone)} / ${formatBytes(staging.bytesTotal)}`}
      />
      {versus && (
        <p className={styles.estimate} data-testid="estimate-vs-actual">
          {versus}
        </p>
      )}
      {staging.error && (
        <p role={staging.state === "FAILED" ? "alert" : "status"} className={styles.error}>
          {staging.error}
        </p>
      )}
      {rule && (
        <p className={styles.note}>
          Progress is what Rucio reports for rule {staging.ruleId ?? "(not created yet)"} on {staging.destination}: the
          state of its locks, not bytes read from disk.
        </p>
      )}
    </div>
  );
}
