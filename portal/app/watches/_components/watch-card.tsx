"use client";
import { useId, useState } from "react";
import { searchHref } from "@/app/search/search-state";
import type { WatchView } from "@/lib/api-responses";
import { deleteWatch, setAutoStage } from "@/lib/watches/watch-client";
import { autoStageLabel, newMatchesLabel } from "@/lib/watches/watch-labels";
import { FeedControls } from "./feed-controls";
import { RenameWatchForm } from "./rename-watch-form";
import { useAction } from "@/app/_components/use-action";
import { WatchMatches } from "./watch-matches";
import styles from "./watches.module.css";
import { withBasePath } from "@/lib/base-path";

interface WatchCardProps {
  watch: WatchView;
  initiallyOpen: boolean;
  defaultInstance: string;
  onChange: (watch: WatchView) => void;
  onDeleted: () => void;
}

/** One watched search: its news, its query, auto-stage, feed, rename, delete, and its matches when opened. */
export function WatchCard({ watch, initiallyOpen, defaultInstance, onChange, onDeleted }: WatchCardProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const [renaming, setRenaming] = useState(false);
  const { busy, error, run } = useAction();
  const headingId = useId();
  const matchesId = useId();

  // The box shows the click at once; it goes back if the portal refuses.
  const [autoStageWanted, setAutoStageWanted] = useState<boolean | null>(null);
  const toggleAutoStage = async (on: boolean) => {
    setAutoStageWanted(on);
    await run(async () => onChange(await setAutoStage(watch.id, on)));
    setAutoStageWanted(null);
  };
  const remove = () =>
    run(async () => {
      if (!window.confirm(`Stop watching “${watch.name}”? Its feed address stops working too.`)) return;
      await deleteWatch(watch.id);
      onDeleted();
    });

  return (
    <article className={styles.card} aria-labelledby={headingId} data-testid="watch" data-watch-id={watch.id}>
      <div className={styles.cardHead}>
        <h2 id={headingId} className={styles.name}>
          {watch.name}
        </h2>
        <span className={watch.newCount ? styles.fresh : styles.muted}>{newMatchesLabel(watch.newCount)}</span>
      </div>
      <p className={styles.muted}>
        Query:{" "}
        <a className={styles.query} href={withBasePath(searchHref({ q: watch.query, sort: watch.sort, cursor: null }))}>
          {watch.query || "(everything)"}
        </a>{" "}
        · {watch.totalCount} match{watch.totalCount === 1 ? "" : "es"} so far
      </p>
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={autoStageWanted ?? watch.autoStage !== null}
          disabled={busy}
          onChange={(event) => void toggleAutoStage(event.target.checked)}
          aria-describedby={`${headingId}-auto-stage`}
        />
        Auto-stage new matches
      </label>
      <p id={`${headingId}-auto-stage`} className={styles.muted}>
        {autoStageLabel(watch.autoStage)}
      </p>
      {renaming ? (
        <RenameWatchForm watch={watch} onRenamed={onChange} onClose={() => setRenaming(false)} />
      ) : (
        <div className={styles.actions}>
          <button
            type="button"
            className="button"
            aria-expanded={open}
            aria-controls={matchesId}
            onClick={() => setOpen(!open)}
          >
            {open ? "Hide matches" : "Show matches"}
          </button>
          <button type="button" className={styles.secondary} onClick={() => setRenaming(true)} disabled={busy}>
            Rename
          </button>
          <button type="button" className={styles.secondary} onClick={remove} disabled={busy}>
            Delete
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <FeedControls watch={watch} onChange={onChange} />
      <div id={matchesId}>
        {open && <WatchMatches watchId={watch.id} defaultInstance={defaultInstance} onViewed={onChange} />}
      </div>
    </article>
  );
}
