"use client";
import { useEffect, useState } from "react";
import { announceWatchNews, fetchWatchSummary, WATCHES_VIEWED_EVENT } from "@/lib/watches/watch-client";

// Matches arrive with indexing runs (a minute apart at the most), so a slow poll is enough.
const POLL_MS = 30_000;

/** New matches over all the user's watches, polled while the tab is visible; null until known. */
export function useNewMatchCount(): number | null {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const poll = async () => {
      clearTimeout(timer);
      if (!document.hidden) {
        try {
          const summary = await fetchWatchSummary();
          if (!stopped) {
            setCount(summary.newCount);
            announceWatchNews(summary.newCount);
          }
        } catch {
          // The header keeps the last known count.
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    const pollNow = () => void poll();
    void poll();
    window.addEventListener(WATCHES_VIEWED_EVENT, pollNow);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener(WATCHES_VIEWED_EVENT, pollNow);
    };
  }, []);

  return count;
}
