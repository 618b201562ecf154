import type {
  CatalogDatasetDetails, DatasetChild, DatasetFile, DatasetRule, LiveDataset,
} from "@/server/catalog/dataset-details";
import type { ReplicaSummary } from "@/server/catalog/replica-summary";

// JSON bodies of the API routes; the pages' client components read the same types.

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

export interface PageResponse<T> {
  items: T[];
  /** Pass as `?cursor=` for the next page; null on the last page. */
  nextCursor: string | null;
  /** True when more items exist beyond the deepest page the portal pages to (use the rucio CLI for those). */
  truncated?: boolean;
}

export type DatasetFilesResponse = PageResponse<DatasetFile>;
export type DatasetContentsResponse = PageResponse<DatasetChild>;
export type DatasetReplicasResponse = ReplicaSummary;
export interface DatasetRulesResponse {
  rules: DatasetRule[];
}

export interface ApiErrorBody {
  error: { message: string; position?: number; length?: number };
}
