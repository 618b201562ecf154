"use client";

import { useId, useState, type FormEvent } from "react";
import type { WatchView } from "@/lib/api-responses";
import type { SearchSort } from "@/lib/catalog/types";
import { AUTO_STAGE_RULES, createWatch } from "@/lib/watches/watch-client";
import { defaultWatchName, MAX_WATCH_NAME } from "@/lib/watches/watch-labels";
import { useAction } from "@/app/_components/use-action";
import { useHydrated } from "@/app/_components/use-hydrated";
import styles from "../watches/_components/watches.module.css";
import { withBasePath } from "@/lib/base-path";

interface WatchSearchControlProps {
  q: string;
  sort: SearchSort;
}

/**
 * "Watch this search": saves the search in view under a name, optionally auto-staging new matches.
 * The search page shows it to signed-in users only.
 */
export function WatchSearchControl({ q, sort }: WatchSearchControlProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<WatchView | null>(null);
  const formId = useId();
  // The server renders the button; a click before hydration would be lost, so it is enabled after.
  const hydrated = useHydrated();

  return (
    <>
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={formId}
        disabled={!hydrated}
        onClick={() => {
          setOpen(!open);
          setSaved(null);
        }}
      >
        Watch this search
      </button>
      {open && (
        <WatchSearchForm
          id={formId}
          q={q}
          sort={sort}
          onSaved={(watch) => {
            setSaved(watch);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      )}
      <p role="status" className={styles.searchStatus}>
        {saved && (
          <>
            Watching “{saved.name}”: new matches will show under{" "}
            <a href={withBasePath(`/watches?open=${encodeURIComponent(saved.id)}`)}>your watched searches</a>.
          </>
        )}
      </p>
    </>
  );
}

interface WatchSearchFormProps extends WatchSearchControlProps {
  id: string;
  onSaved: (watch: WatchView) => void;
  onCancel: () => void;
}

function WatchSearchForm({ id, q, sort, onSaved, onCancel }: WatchSearchFormProps) {
  const [name, setName] = useState(() => defaultWatchName(q));
  const [autoStage, setAutoStage] = useState(false);
  const { busy, error, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => onSaved(await createWatch({ name: name.trim(), query: q, sort, autoStage })));
  }

  return (
    <form id={id} className={styles.watchSearchForm} onSubmit={submit} aria-label="Watch this search">
      <p className={styles.muted}>
        Be told about datasets that newly match <code>{q || "(everything)"}</code> after each indexing run.
      </p>
      <label>
        Name
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={MAX_WATCH_NAME}
          required
          autoFocus
        />
      </label>
      <label className={styles.checkbox}>
        <input type="checkbox" checked={autoStage} onChange={(event) => setAutoStage(event.target.checked)} />
        Auto-stage new matches (a Rucio rule for each, at most {AUTO_STAGE_RULES.limitPerRun} per indexing run)
      </label>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save watch"}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
