"use client";
import { useState } from "react";
import type { WatchView } from "@/lib/api-responses";
import { WatchCard } from "./watch-card";
import styles from "./watches.module.css";
import { withBasePath } from "@/lib/base-path";

interface WatchListProps {
  initial: WatchView[];
  initialOpenId: string | null;
  defaultInstance: string;
}

/** The user's watches, oldest first; a deleted one leaves the list. */
export function WatchList({ initial, initialOpenId, defaultInstance }: WatchListProps) {
  const [watches, setWatches] = useState(initial);

  if (watches.length === 0)
    return (
      <p>
        You watch no searches yet. Search the catalog, then use <strong>Watch this search</strong> to be told about new
        matches. <a href={withBasePath("/search")}>Go to search</a>
      </p>
    );
  return (
    <ul className={styles.list} aria-label="Your watched searches">
      {watches.map((watch) => (
        <li key={watch.id}>
          <WatchCard
            watch={watch}
            initiallyOpen={watch.id === initialOpenId}
            defaultInstance={defaultInstance}
            onChange={(changed) => setWatches((all) => all.map((one) => (one.id === changed.id ? changed : one)))}
            onDeleted={() => setWatches((all) => all.filter((one) => one.id !== watch.id))}
          />
        </li>
      ))}
    </ul>
  );
}
