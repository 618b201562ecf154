"use client";
import { useEffect, useRef, useState } from "react";
import type { WatchMatchView, WatchView } from "@/lib/api-responses";
import { fetchWatch, markWatchViewed, WATCHES_VIEWED_EVENT } from "@/lib/watches/watch-client";

/**
 * A watch's matches, read once when it is opened; then the watch is marked as looked at. The matches
 * keep their "new" marks from before, so the user sees what was new when they opened it.
 */
export function useWatchMatches(watchId: string, onViewed: (watch: WatchView) => void) {
  const [matches, setMatches] = useState<WatchMatchView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reportViewed = useRef(onViewed);
  useEffect(() => {
    reportViewed.current = onViewed;
  });

  useEffect(() => {
    let stopped = false;
    void (async () => {
      try {
        const details = await fetchWatch(watchId);
        if (stopped) return;
        setMatches(details.matches);
        const viewed = await markWatchViewed(watchId);
        if (stopped) return;
        reportViewed.current(viewed);
        window.dispatchEvent(new Event(WATCHES_VIEWED_EVENT));
      } catch (caught) {
        if (!stopped) setError(caught instanceof Error ? caught.message : String(caught));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [watchId]);

  return { matches, error };
}
