"use client";
import { datasetHref } from "@/app/_components/dataset-links";
import { formatBytes, formatDate } from "@/app/_components/format";
import type { WatchView } from "@/lib/api-responses";
import { autoStageOutcome } from "@/lib/watches/watch-labels";
import { useWatchMatches } from "./use-watch-matches";
import styles from "./watches.module.css";
import { withBasePath } from "@/lib/base-path";

interface WatchMatchesProps {
  watchId: string;
  defaultInstance: string;
  onViewed: (watch: WatchView) => void;
}

/** The datasets that newly matched a watch, newest first, with what auto-stage did with each. */
export function WatchMatches({ watchId, defaultInstance, onViewed }: WatchMatchesProps) {
  const { matches, error } = useWatchMatches(watchId, onViewed);

  if (error)
    return (
      <p role="alert" className={styles.error}>
        The matches could not be read: {error}
      </p>
    );
  if (!matches) return <p className={styles.muted}>Loading matches…</p>;
  if (matches.length === 0)
    return <p className={styles.muted}>No new matches yet: they appear after the next indexing run finds some.</p>;
  return (
    <ul className={styles.matches} aria-label="Matches" data-testid="watch-matches">
      {matches.map((match) => {
        const outcome = autoStageOutcome(match);
        return (
          <li key={`${match.instance}/${match.scope}/${match.name}`} className={styles.match} data-testid="watch-match">
            {match.isNew && <span className={styles.newMark}>New</span>}
            <a className={styles.did} href={withBasePath(datasetHref(match, defaultInstance))}>
              {match.scope}:{match.name}
            </a>
            <span className={styles.muted}>
              {match.type.toLowerCase()} · {formatBytes(match.bytes)} · matched {formatDate(match.matchedAt)}
            </span>
            {match.stagingId ? (
              <a href={withBasePath(`/stagings/${encodeURIComponent(match.stagingId)}`)}>{outcome}: see the staging</a>
            ) : (
              outcome && <span className={styles.muted}>{outcome}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
