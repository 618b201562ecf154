import "server-only";
import { collect, encodeSegment, requestStream, type RucioCaller } from "./http";
import type { AccountUsage } from "./types";

/** An account's local quota on one RSE, in bytes, as Rucio counts it. */
export interface RseQuota {
  account: string;
  rse: string;
  /** The account limit on the RSE; Infinity = unlimited; null = none set (Rucio then allows no rule there, admins aside). */
  limitBytes: number | null;
  /** Bytes of the account's replica locks on the RSE (Rucio's abacus daemon keeps this counter). */
  usedBytes: number;
  /** limit − used; null when no limit is set. */
  remainingBytes: number | null;
}

/**
 * GET /accounts/{account}/usage/local/{rse}: one row joining the limit and the usage counter. Rucio
 * lists nothing for an RSE where the account has neither a limit nor usage, which means no limit.
 */
export async function getRseQuota(caller: RucioCaller, account: string, rse: string): Promise<RseQuota> {
  const rows = await collect(
    requestStream<AccountUsage>(caller, {
      method: "GET",
      path: `/accounts/${encodeSegment(account)}/usage/local/${encodeSegment(rse)}`,
      accept: "application/x-json-stream",
    }),
  );
  const row = rows.find((candidate) => candidate.rse === rse);
  if (!row) return { account, rse, limitBytes: null, usedBytes: 0, remainingBytes: null };
  return { account, rse, limitBytes: row.bytes_limit, usedBytes: row.bytes, remainingBytes: row.bytes_remaining };
}
