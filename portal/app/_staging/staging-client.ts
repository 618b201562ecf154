import { fetchJson } from "@/lib/api-client";
import type {
  CreatedStaging,
  StagedFiles,
  StagingDetailsResponse,
  StagingPage,
  StagingResponse,
  StagingView,
} from "@/lib/api-responses";
import type { StagingState } from "@/lib/db/values";
import { portalUrl } from "@/lib/base-path";

// Browser-side calls to /api/stagings and the names the UI gives to states.

// A staging moves on by the second: never answer from the browser's cache.
const fresh = { cache: "no-store" } as const;

export function stageDataset(input: {
  instance?: string;
  scope: string;
  name: string;
  mode?: "RULE" | "DOWNLOAD";
}): Promise<CreatedStaging> {
  return fetchJson("/api/stagings", { ...fresh, method: "POST", json: input });
}

export async function cancelStaging(id: string): Promise<StagingView> {
  return (await fetchJson<StagingResponse>(`/api/stagings/${encodeURIComponent(id)}`, { ...fresh, method: "DELETE" }))
    .staging;
}

export function fetchStaging(id: string): Promise<StagingDetailsResponse> {
  return fetchJson(`/api/stagings/${encodeURIComponent(id)}`, fresh);
}

export function fetchStagings(query: URLSearchParams): Promise<StagingPage> {
  return fetchJson(`/api/stagings?${query.toString()}`, fresh);
}

export function fetchStagedFiles(id: string): Promise<StagedFiles> {
  return fetchJson(`/api/stagings/${encodeURIComponent(id)}/files`, fresh);
}

export const STATE_LABELS: Record<StagingState, string> = {
  QUEUED: "Queued",
  REPLICATING: "Replicating",
  DOWNLOADING: "Downloading",
  OK: "Done",
  STUCK: "Stuck",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** The dataset page of a DID (names may hold '/', which the route takes as further segments). */
export function datasetHref(scope: string, name: string): string {
  return `/datasets/${encodeURIComponent(scope)}/${name.split("/").map(encodeURIComponent).join("/")}`;
}

/** Where "Sign in again" goes after the Rucio token expired: the sign-in page, saying why, then back to `path`. */
export const signInAgainHref = (path: string) =>
  `/signin?${new URLSearchParams({ error: "TokenExpired", callbackUrl: path })}`;

/**
 * Events for the JupyterLab bridge: a staging was created (download mode carries the executor's
 * token and the URL it reports to) or moved on. The bridge turns them into protocol messages.
 */
export const STAGING_CREATED_EVENT = "rucio-catalog:staging-created";
export const STAGING_UPDATED_EVENT = "rucio-catalog:staging-updated";

export interface StagingCreatedDetail extends CreatedStaging {
  progressUrl?: string;
}

export function announceStagingCreated(created: CreatedStaging): void {
  const detail: StagingCreatedDetail = {
    ...created,
    progressUrl: created.progressToken
      ? portalUrl(`/api/stagings/${created.staging.id}/progress`, window.location.origin)
      : undefined,
  };
  window.dispatchEvent(new CustomEvent(STAGING_CREATED_EVENT, { detail }));
}

export function announceStagingUpdated(staging: StagingView): void {
  window.dispatchEvent(new CustomEvent(STAGING_UPDATED_EVENT, { detail: staging }));
}
