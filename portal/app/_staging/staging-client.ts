import type { StagingState } from "@/lib/db/values";
import type { StagedFile } from "@/server/staging/local-paths";
import type { StagingEventView, StagingView } from "@/server/staging/views";

// Browser-side calls to /api/stagings and the names the UI gives to states. Types only from the server.

export type { StagedFile, StagingEventView, StagingView };

export class StagingApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The request as the portal recorded it (e.g. FAILED with Rucio's reason), when there is one. */
    readonly staging?: StagingView,
  ) {
    super(message);
  }
}

async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers }, cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string }; staging?: StagingView };
  if (!response.ok) {
    throw new StagingApiError(body.error?.message ?? `The portal answered ${response.status}`, response.status, body.staging);
  }
  return body as T;
}

export interface CreatedStaging {
  staging: StagingView;
  didType: "DATASET" | "CONTAINER" | "FILE";
  progressToken?: { token: string; expiresAt: string };
}

export function stageDataset(input: { instance?: string; scope: string; name: string; mode?: "RULE" | "DOWNLOAD" }): Promise<CreatedStaging> {
  return requestJson("/api/stagings", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
}

export async function cancelStaging(id: string): Promise<StagingView> {
  return (await requestJson<{ staging: StagingView }>(`/api/stagings/${encodeURIComponent(id)}`, { method: "DELETE" })).staging;
}

export function fetchStaging(id: string): Promise<{ staging: StagingView; events: StagingEventView[] }> {
  return requestJson(`/api/stagings/${encodeURIComponent(id)}`);
}

export function fetchStagings(query: URLSearchParams): Promise<{ stagings: StagingView[]; nextCursor: string | null }> {
  return requestJson(`/api/stagings?${query.toString()}`);
}

export function fetchStagedFiles(id: string): Promise<{ files: StagedFile[]; truncated: boolean }> {
  return requestJson(`/api/stagings/${encodeURIComponent(id)}/files`);
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
    progressUrl: created.progressToken ? new URL(`/api/stagings/${created.staging.id}/progress`, window.location.origin).toString() : undefined,
  };
  window.dispatchEvent(new CustomEvent(STAGING_CREATED_EVENT, { detail }));
}

export function announceStagingUpdated(staging: StagingView): void {
  window.dispatchEvent(new CustomEvent(STAGING_UPDATED_EVENT, { detail: staging }));
}
