import "server-only";
import { requestStreamForDids, type RucioCaller } from "./http";
import type { DidRef, FileReplicas } from "./types";

export interface ListReplicasOptions {
  /** Protocol schemes to return PFNs for (e.g. ["root", "davs", "file"]); all when absent. */
  schemes?: string[];
  /** Only replicas on RSEs matching this expression. */
  rseExpression?: string;
  /** Also list replicas that are not AVAILABLE, with their state in `states`. */
  allStates?: boolean;
  /** Network domain of the PFNs: "wan" (Rucio's default), "lan" or "all". */
  domain?: "wan" | "lan" | "all";
  ignoreAvailability?: boolean;
  resolveParents?: boolean;
}

/**
 * POST /replicas/list, streamed: one entry per file under the given DIDs (collections are expanded),
 * with its PFNs and the RSEs holding it.
 */
export function listReplicas(
  caller: RucioCaller,
  dids: DidRef[],
  options: ListReplicasOptions = {},
): AsyncGenerator<FileReplicas> {
  return requestStreamForDids<FileReplicas>(caller, "/replicas/list", dids, {
    schemes: options.schemes,
    rse_expression: options.rseExpression,
    all_states: options.allStates ?? false,
    domain: options.domain,
    ignore_availability: options.ignoreAvailability,
    resolve_parents: options.resolveParents ?? false,
  });
}
