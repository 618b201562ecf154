import { fetchJson } from "@/lib/api-client";
import type {
  WatchDetailsResponse,
  WatchesResponse,
  WatchFeedResponse,
  WatchSummaryResponse,
  WatchView,
} from "@/lib/api-responses";
import type { SearchSort } from "@/lib/catalog/types";

// Browser-side calls to /api/watches. Matches arrive with each indexing run: never answer from the cache.
const fresh = { cache: "no-store" } as const;
const watchUrl = (id: string) => `/api/watches/${encodeURIComponent(id)}`;

/** The auto-stage setting the portal offers: Rucio rules, this many per indexing run. */
export const AUTO_STAGE_RULES = { mode: "RULE", limitPerRun: 5 } as const;

export async function listWatches(): Promise<WatchView[]> {
  return (await fetchJson<WatchesResponse>("/api/watches", fresh)).watches;
}

export async function createWatch(input: {
  name: string;
  query: string;
  sort: SearchSort;
  autoStage: boolean;
}): Promise<WatchView> {
  const json = {
    name: input.name,
    query: input.query,
    sort: input.sort,
    autoStage: input.autoStage ? AUTO_STAGE_RULES : null,
  };
  return (await fetchJson<{ watch: WatchView }>("/api/watches", { ...fresh, method: "POST", json })).watch;
}

export function fetchWatch(id: string): Promise<WatchDetailsResponse> {
  return fetchJson(watchUrl(id), fresh);
}

async function patchWatch(id: string, json: object): Promise<WatchView> {
  return (await fetchJson<{ watch: WatchView }>(watchUrl(id), { ...fresh, method: "PATCH", json })).watch;
}

export const renameWatch = (id: string, name: string) => patchWatch(id, { name });
export const setAutoStage = (id: string, on: boolean) => patchWatch(id, { autoStage: on ? AUTO_STAGE_RULES : null });
export const markWatchViewed = (id: string) => patchWatch(id, { viewed: true });

export async function deleteWatch(id: string): Promise<void> {
  await fetchJson(watchUrl(id), { ...fresh, method: "DELETE" });
}

/** A new secret feed address; the previous one stops working. */
export async function renewFeed(id: string): Promise<string> {
  return (await fetchJson<WatchFeedResponse>(`${watchUrl(id)}/feed`, { ...fresh, method: "POST" })).feedUrl;
}

export async function revokeFeed(id: string): Promise<void> {
  await fetchJson(`${watchUrl(id)}/feed`, { ...fresh, method: "DELETE" });
}

export function fetchWatchSummary(): Promise<WatchSummaryResponse> {
  return fetchJson("/api/watches/summary", fresh);
}

/** Told by the watch page when the user looked at a watch, so the header's count follows at once. */
export const WATCHES_VIEWED_EVENT = "rucio-catalog:watches-viewed";

/** Told by the header whenever it learned the number of new matches; the JupyterLab bridge passes it on. */
export const WATCH_NEWS_EVENT = "rucio-catalog:watch-news";

export function announceWatchNews(newCount: number): void {
  window.dispatchEvent(new CustomEvent<number>(WATCH_NEWS_EVENT, { detail: newCount }));
}
