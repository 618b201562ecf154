import { URLExt } from "@jupyterlab/coreutils";
import { ServerConnection } from "@jupyterlab/services";
import type { DatasetRef, FolderCheck, StagingState } from "@rucio-catalog/protocol";

/** GET /rucio-catalog/config: the server's settings for this session (never credentials). */
export interface IServerConfig {
  portalUrl: string | null;
  allowedOrigin: string | null;
  rucioInstance: string | null;
  destinationRse: string | null;
  rseMountPath: string | null;
  rsePathBeginsAt: number | null;
  mode: "rule" | "download";
  downloadFolder: string;
  autoStage: boolean;
  credentialsConfigured: boolean;
  /** The server signs the panel in to the portal with its Rucio credentials (embed sign-in). */
  embedSignIn: boolean;
}

export interface IResolvedPaths {
  scope: string;
  name: string;
  didType: DatasetRef["type"];
  mode: "rule" | "download";
  localPaths: string[];
}

export type DatasetStateName = "available" | "staging" | "missing" | "error";

export interface IDatasetState {
  scope: string;
  name: string;
  mode: "rule" | "download";
  state: DatasetStateName;
  filesTotal?: number;
  filesAvailable?: number;
  filesVisible?: number;
  detail?: string;
}

/** POST /rucio-catalog/local: which files of a DID the download folder holds already. */
export type ILocalCheck = FolderCheck & {
  state: Exclude<FolderCheck["state"], "error">;
  localPaths: string[];
};

export interface IDownload {
  id: string;
  requestId: string | null;
  scope: string;
  name: string;
  folder: string;
  state: StagingState;
  error: string | null;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  createdAt: number;
  updatedAt: number;
}

/** Where a download reports its progress in the portal (from a `stage` message). */
export interface IPortalTarget {
  requestId: string;
  progressUrl: string;
  token: string;
}

export class ServerError extends Error {}

const settingsOf = (): ServerConnection.ISettings => ServerConnection.makeSettings();

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const settings = settingsOf();
  const url = URLExt.join(settings.baseUrl, "rucio-catalog", path);
  const response = await ServerConnection.makeRequest(url, init, settings);
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const message = (data as { message?: unknown } | null)?.message;
    throw new ServerError(typeof message === "string" ? message : `HTTP ${response.status} from ${path}`);
  }
  return data as T;
}

const post = <T>(path: string, body: unknown): Promise<T> =>
  call<T>(path, { method: "POST", body: JSON.stringify(body) });

const datasetBody = (d: DatasetRef) => ({ scope: d.scope, name: d.name, type: d.type, instance: d.instance });

/**
 * Reads the server extension's configuration. Null (and the reason logged) when the server extension
 * is missing or disabled, so the panel still works from its frontend settings alone.
 */
export async function fetchServerConfig(): Promise<IServerConfig | null> {
  try {
    return await call<IServerConfig>("config");
  } catch (error) {
    console.warn("Rucio Catalog: server configuration unavailable, using frontend settings only", error);
    return null;
  }
}

export const resolvePaths = (dataset: DatasetRef, session: Record<string, unknown>) =>
  post<IResolvedPaths>("paths", { dataset: datasetBody(dataset), settings: session });

export const checkStates = (datasets: DatasetRef[], session: Record<string, unknown>) =>
  post<{ datasets: IDatasetState[] }>("state", { datasets: datasets.map(datasetBody), settings: session });

export const checkLocal = (dataset: DatasetRef, session: Record<string, unknown>) =>
  post<ILocalCheck>("local", { dataset: datasetBody(dataset), settings: session });

export const startDownload = (dataset: DatasetRef, session: Record<string, unknown>, target?: IPortalTarget) =>
  post<IDownload>("downloads", { dataset: datasetBody(dataset), settings: session, ...target });

export const listDownloads = () => call<{ downloads: IDownload[] }>("downloads");

export const createRule = (dataset: DatasetRef, session: Record<string, unknown>) =>
  post<{ ruleId: string; rse: string }>("rules", { dataset: datasetBody(dataset), settings: session });

/**
 * The portal URL that signs the panel in as this server's Rucio user, then shows `next` (a portal path).
 * `frameNonceHash` binds the sign-in to the nonce the panel keeps (sign-in-nonce.ts).
 */
export const portalSignIn = (portalUrl: string, next: string, frameNonceHash: string) =>
  post<{ url: string }>("portal-sign-in", { portalUrl, next, frameNonceHash });
