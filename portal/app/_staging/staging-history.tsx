"use client";
import { useState } from "react";
import type { StagingView } from "@/lib/api-responses";
import { fetchStagings } from "./staging-client";
import styles from "./staging.module.css";
import { StagingRow } from "./staging-row";

export interface StagingHistoryProps {
  initial: { stagings: StagingView[]; nextCursor: string | null };
  /** The filters the page was rendered with, for "load more". */
  filter: { state?: string; q?: string };
}

/** The user's staging requests, newest first, with live rows and "load more". */
export function StagingHistory({ initial, filter }: StagingHistoryProps) {
  const [stagings, setStagings] = useState(initial.stagings);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    const query = new URLSearchParams({ limit: "25", after: cursor });
    if (filter.state) query.set("state", filter.state);
    if (filter.q) query.set("q", filter.q);
    try {
      const page = await fetchStagings(query);
      setStagings((current) => [...current, ...page.stagings]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  if (stagings.length === 0)
    return (
      <p className={styles.meta}>No staging requests{filter.state || filter.q ? " match these filters" : " yet"}.</p>
    );
  return (
    <>
      <ul className={styles.history} aria-label="Staging requests">
        {stagings.map((staging) => (
          <StagingRow
            key={staging.id}
            staging={staging}
            onRestaged={(created) => setStagings((current) => [created, ...current])}
          />
        ))}
      </ul>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {cursor && (
        <button type="button" className={styles.secondary} onClick={loadMore}>
          Load more
        </button>
      )}
    </>
  );
}
