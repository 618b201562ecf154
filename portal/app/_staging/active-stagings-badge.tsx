"use client";
import { useEffect, useState } from "react";
import type { StagingView } from "@/lib/api-responses";
import { fetchStagings } from "./staging-client";
import { withBasePath } from "@/lib/base-path";

const POLL_MS = 5_000;

function overallPercent(stagings: StagingView[]): number | null {
  let done = 0;
  let total = 0;
  for (const staging of stagings) {
    if (staging.bytesTotal === null) return null;
    done += staging.bytesDone;
    total += staging.bytesTotal;
  }
  return total > 0 ? Math.floor((done * 100) / total) : null;
}

/** "2 staging · 45 %" in the header, linking to the history; just "Stagings" when nothing runs. */
export function ActiveStagingsBadge() {
  const [active, setActive] = useState<StagingView[]>([]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const poll = async () => {
      if (!document.hidden) {
        try {
          const { stagings } = await fetchStagings(new URLSearchParams({ unfinished: "true", limit: "50" }));
          if (!stopped) setActive(stagings);
        } catch {
          // The header keeps the last known count.
        }
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const percent = overallPercent(active);
  const stuck = active.filter((staging) => staging.state === "STUCK").length;
  return (
    <a href={withBasePath("/stagings")} aria-live="polite" data-testid="staging-summary">
      {active.length === 0
        ? "Stagings"
        : `${active.length} staging${percent === null ? "" : ` · ${percent} %`}${stuck ? ` · ${stuck} stuck` : ""}`}
    </a>
  );
}
