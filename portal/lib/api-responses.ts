import type { SizeBin, SizeScale } from "@/lib/catalog/size-bins";
import type { CatalogDid, FacetName, SearchSort } from "@/lib/catalog/types";
import type { DidType, StagingMode, StagingState } from "@/lib/db/values";

// JSON bodies of the API routes: the route handlers and server modules that build them and the pages'
// client components that read them use these types, so the two sides cannot drift apart.

/** Every non-2xx answer: `{ error: { message, ...details } }`, plus the staging as it stands when there is one. */
export interface ApiErrorBody {
  error: {
    message: string;
    /** A search query error: zero-based offset into `q` and length of the offending text. */
    position?: number;
    length?: number;
    /** An embed redemption refused because another portal user is signed in here (409). */
    signedInAs?: string;
    account?: string;
  };
  staging?: StagingView;
}

export interface PageResponse<T> {
  items: T[];
  /** Pass as `?cursor=` for the next page; null on the last page. */
  nextCursor: string | null;
  /** True when more items exist beyond the deepest page the portal pages to (use the rucio CLI for those). */
  truncated?: boolean;
}

// GET /api/search

export interface FacetBucket {
  /** The value to put after `field:` in a query (for `run`, a range such as `350000..350999`). */
  value: string;
  label: string;
  count: number;
}

export interface Count {
  value: number;
  /**
   * True when the value is not an exact count: many hits are counted on a fixed sample of the catalog
   * (every 64th or 1024th DID) and scaled, rounded to two significant digits. Show it as approximate
   * (e.g. "~72,000").
   */
  capped: boolean;
}

export interface SearchResult {
  items: CatalogDid[];
  total: Count;
  /** The top buckets of each facet; `capped` as in Count: the bucket counts are estimates from a sample. */
  facets: Record<FacetName, { buckets: FacetBucket[]; capped: boolean }>;
  /** The metadata keys configured as facets (RUCIO_INSTANCES "facets"), in order: a click adds meta.KEY:value. */
  metaFacets: { key: string; buckets: FacetBucket[]; capped: boolean }[];
  nextCursor: string | null;
  tookMs: number;
}

// GET /api/datasets/{scope}/{name} and its live listings

export interface CatalogDatasetDetails extends CatalogDid {
  availability: string | null;
  /** Every metadata key Rucio returned, as indexed. */
  meta: Record<string, unknown>;
  indexedAt: string;
}

export interface DidLink {
  scope: string;
  name: string;
  type: DidType;
}

export interface LiveDataset {
  type: DidType;
  account: string;
  bytes: number | null;
  files: number | null;
  open: boolean | null;
  parents: DidLink[];
}

export interface DatasetDetailsResponse {
  instance: string;
  scope: string;
  name: string;
  /** The catalog's indexed copy; null when the indexer has not seen the DID yet. */
  catalog: CatalogDatasetDetails | null;
  /** What Rucio reports now; null when Rucio could not be read (see liveError). */
  live: LiveDataset | null;
  liveError: string | null;
}

export interface DatasetFile {
  scope: string;
  name: string;
  bytes: number | null;
  adler32: string | null;
  /** Rucio lists md5 only for the direct files of a dataset, not for files found through a container. */
  md5: string | null;
}

export interface DatasetChild extends DidLink {
  bytes: number | null;
}

export interface RseReplicas {
  rse: string;
  /** Files with a replica here, by replica state (AVAILABLE, COPYING, ...). */
  filesByState: Record<string, number>;
  files: number;
  bytes: number;
  /** Bytes of the AVAILABLE replicas only. */
  availableBytes: number;
}

export interface ReplicaSummary {
  /** Files below the DID that Rucio listed (at most the server's cap). */
  files: number;
  /** False when the DID has more files than were summed: every count is then a lower bound. */
  complete: boolean;
  rses: RseReplicas[];
}

export interface DatasetRule {
  id: string;
  account: string;
  rseExpression: string;
  state: string;
  copies: number;
  locks: { ok: number; replicating: number; stuck: number };
  activity: string | null;
  error: string | null;
  createdAt: string | null;
  expiresAt: string | null;
}

/** The sizes of the files below a DID, binned (see lib/catalog/size-bins). */
export interface FileSizeHistogram {
  /** Files read (at most the server's cap). */
  files: number;
  /** Files Rucio lists without a size: counted in `files`, in no bin. */
  unsized: number;
  /** False when the DID has more files than were read. */
  complete: boolean;
  scale: SizeScale;
  bins: SizeBin[];
}

export type DatasetFilesResponse = PageResponse<DatasetFile>;
export type DatasetContentsResponse = PageResponse<DatasetChild>;
export type DatasetReplicasResponse = ReplicaSummary;
export interface DatasetRulesResponse {
  rules: DatasetRule[];
}

// GET /api/datasets/{scope}/{name}/plan

export type EstimateConfidence = "LOW" | "MEDIUM" | "HIGH";

/** Seconds until the data is available, from the portal's finished stagings on the same route. */
export interface StagingEstimate {
  seconds: number;
  confidence: EstimateConfidence;
  /** Finished stagings the estimate rests on. */
  samples: number;
  /** The source RSE whose history was used; null when pooled over every source (none of this one's yet). */
  source: string | null;
  /** The fitted model: fixed latency plus bytes at the observed rate (null when the history cannot tell a rate). */
  latencySeconds: number;
  bytesPerSecond: number | null;
  /** Median relative error of the model on its own history (0.2 = 20 %). */
  typicalError: number;
}

/** The account's local quota on a destination RSE against what the staging needs, in bytes, as Rucio counts them. */
export interface PlanQuota {
  rse: string;
  account: string;
  /** null: no limit set (Rucio allows no rule there unless the account is an admin). */
  limitBytes: number | null;
  unlimited: boolean;
  usedBytes: number;
  remainingBytes: number | null;
  /** Rucio counts a lock for every file of the DID, whether or not a replica is already there. */
  neededBytes: number;
  /** null when no limit is set: Rucio decides. */
  enough: boolean | null;
}

export interface PlanReplica {
  rse: string;
  availableFiles: number;
  availableBytes: number;
  /** Every file of the DID is AVAILABLE here. */
  complete: boolean;
}

export interface StagingPlan {
  instance: string;
  scope: string;
  name: string;
  mode: StagingMode;
  /** RSE expression (rule mode) or folder in the session (download mode). */
  destination: string;
  files: number | null;
  bytes: number | null;
  replicas: PlanReplica[];
  /** False when the DID has more files than the replica listing reads: replica figures are lower bounds. */
  replicasExact: boolean;
  /** The data is already where the session reads it: staging is not needed. */
  available: { how: "replica" | "download"; where: string; since: string | null } | null;
  /** Rule mode: what the destination RSE the session mounts holds already (AVAILABLE), or null when nothing. */
  atDestination: { rse: string; files: number; bytes: number } | null;
  /** Bytes not yet on the destination (rule mode), or not yet downloaded. */
  bytesMissing: number | null;
  /** Rule mode: the quota on each destination RSE. Empty for downloads (no Rucio quota applies). */
  quotas: PlanQuota[];
  /** Why the quota is not shown (download mode, or Rucio did not answer). */
  quotaNote: string | null;
  /** The request would exceed the quota: Stage is refused with this message. */
  refusal: string | null;
  estimate: StagingEstimate | null;
  /** What the estimate rests on, or why there is none ("no finished staging … yet"). */
  estimateNote: string;
}

export type StagingPlanResponse = StagingPlan;

// /api/stagings

/** A staging request as the API and the pages show it (JSON-safe: bytes as numbers, dates as ISO strings). */
export interface StagingView {
  id: string;
  instance: string;
  account: string;
  scope: string;
  name: string;
  mode: StagingMode;
  destination: string;
  state: StagingState;
  filesDone: number;
  filesTotal: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  filesPercent: number | null;
  bytesPercent: number | null;
  secondsLeft: number | null;
  ruleId: string | null;
  error: string | null;
  unfinished: boolean;
  cancellable: boolean;
  /**
   * Where the progress comes from. Rule mode reports Rucio's lock states: the local Rucio's mock
   * transfer tool moves no bytes, so "done" means "replicated according to Rucio", not "read from disk".
   */
  progressSource: "rucio-locks" | "download-executor";
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The watched search that auto-staged this request; null for a click on Stage or once that watch is deleted. */
  watchId?: string | null;
  /** The planner's estimate at creation: seconds until available, and how sure it was; null without history. */
  estimatedSeconds: number | null;
  estimateConfidence: EstimateConfidence | null;
  /** Seconds from the click to the data being available; null until the request is OK. */
  actualSeconds: number | null;
}

export interface StagingEventView {
  at: string;
  kind: string;
  message: string | null;
}

/** Files and bytes done at one instant (the tracker's poll or the executor's report that moved them). */
export interface StagingProgressPoint {
  at: string;
  filesDone: number;
  bytesDone: number;
}

/** POST /api/stagings (201). */
export interface CreatedStaging {
  staging: StagingView;
  /** What Rucio says the DID is (the JupyterLab bridge passes it on with download requests). */
  didType: DidType;
  /** Download mode: the token the executor reports progress with (shown once, stored only as a hash). */
  progressToken?: { token: string; expiresAt: string };
}

/** GET /api/stagings. */
export interface StagingPage {
  stagings: StagingView[];
  nextCursor: string | null;
}

/** GET /api/stagings/{id}. */
export interface StagingDetailsResponse {
  staging: StagingView;
  events: StagingEventView[];
  /** How the request progressed, oldest first (about a hundred points at most: see isProgressStep). */
  progress: StagingProgressPoint[];
}

/** DELETE /api/stagings/{id} and PATCH /api/stagings/{id}/progress. */
export interface StagingResponse {
  staging: StagingView;
}

export interface StagedFile {
  scope: string;
  name: string;
  bytes: number | null;
  rse: string;
  pfn: string;
  /** Where the file appears in the session, by the configured mount mapping; null when not mounted. */
  localPath: string | null;
}

/** GET /api/stagings/{id}/files. */
export interface StagedFiles {
  files: StagedFile[];
  /** More files exist than were listed. */
  truncated: boolean;
}

// GET /api/instances, GET /api/health

export interface InstanceOverview {
  name: string;
  scopes: string[];
  /** Why the instance could not be read, in words a user can act on. */
  error?: string;
}

/** What the catalog holds for one instance (the home page): datasets and their bytes, per data type too. */
export interface InstanceHoldings {
  instance: string;
  datasets: number;
  bytes: number;
  /** Most datasets first; past the first few, the rest as one entry "other"; datasets without a data type as "none". */
  byDatatype: { datatype: string; datasets: number; bytes: number }[];
}

export interface InstancesResponse {
  instances: InstanceOverview[];
}

export interface PortalHealth {
  ok: boolean;
  database: "ok" | "unreachable";
  instances: { name: string; error?: "unreachable" }[];
}

// /api/embed

/** POST /api/embed/sign-ins (201): a code and the path that redeems it. */
export interface EmbedSignInResponse {
  code: string;
  expiresAt: string;
  account: string;
  startPath: string;
}

/** POST /api/embed/renewals. */
export interface EmbedRenewalResponse {
  account: string;
  tokenExpiresAt: string;
  /** Live embed sign-ins that now hold the new token; 0 when the user has none left. */
  renewed: number;
}

/** POST /api/embed/redemptions. */
export interface EmbedRedemptionResponse {
  account: string;
}

// /api/watches

/** A watched search as its owner sees it. */
export interface WatchView {
  id: string;
  name: string;
  query: string;
  sort: SearchSort;
  /** Matches recorded since the owner last opened the watch. */
  newCount: number;
  totalCount: number;
  /** Auto-stage: the mode new matches are staged in, null when off. */
  autoStage: { mode: StagingMode; destination: string | null; limitPerRun: number } | null;
  feedEnabled: boolean;
  lastViewedAt: string;
  createdAt: string;
}

/** A DID that newly matched a watch, and what auto-stage did with it. */
export interface WatchMatchView {
  instance: string;
  scope: string;
  name: string;
  type: CatalogDid["type"];
  bytes: number | null;
  matchedAt: string;
  isNew: boolean;
  stagingId: string | null;
  autoStageNote: string | null;
}

export interface WatchesResponse {
  watches: WatchView[];
}

export interface WatchDetailsResponse {
  watch: WatchView;
  /** Newest first, at most 200. */
  matches: WatchMatchView[];
}

export interface WatchSummaryResponse {
  /** New matches over all the user's watches: the header's badge. */
  newCount: number;
  watches: number;
}

/** The feed's address; shown once, when made (the portal stores only a hash of its secret). */
export interface WatchFeedResponse {
  feedUrl: string;
}
