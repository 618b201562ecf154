import "server-only";
import { collect, encodeSegment, requestJson, requestStream, type RucioCaller } from "./http";
import { parseNaiveUtcDate } from "./json";
import type { AccountInfo, AccountUsage } from "./types";

type RawAccount = Omit<AccountInfo, "created_at" | "updated_at" | "suspended_at" | "deleted_at"> &
  Record<string, unknown>;

function toAccountInfo(raw: RawAccount): AccountInfo {
  return {
    account: raw.account,
    account_type: raw.account_type,
    status: raw.status,
    email: raw.email ?? null,
    created_at: parseNaiveUtcDate(raw.created_at),
    updated_at: parseNaiveUtcDate(raw.updated_at),
    suspended_at: parseNaiveUtcDate(raw.suspended_at),
    deleted_at: parseNaiveUtcDate(raw.deleted_at),
  };
}

/** GET /accounts/whoami (Rucio redirects to the caller's own account). */
export async function whoami(caller: RucioCaller): Promise<AccountInfo> {
  return toAccountInfo(
    await requestJson<RawAccount>(caller, { method: "GET", path: "/accounts/whoami", accept: "application/json" }),
  );
}

/** GET /accounts/{account}. */
export async function getAccount(caller: RucioCaller, account: string): Promise<AccountInfo> {
  return toAccountInfo(
    await requestJson<RawAccount>(caller, {
      method: "GET",
      path: `/accounts/${encodeSegment(account)}`,
      accept: "application/json",
    }),
  );
}

/** GET /accounts/{account}/limits: local byte limit per RSE name (Infinity = unlimited). */
export function getAccountLimits(caller: RucioCaller, account: string): Promise<Record<string, number | null>> {
  return requestJson<Record<string, number | null>>(caller, {
    method: "GET",
    path: `/accounts/${encodeSegment(account)}/limits`,
    accept: "application/json",
  });
}

/** GET /accounts/{account}/usage/local: bytes and files used per RSE, with the limit and what remains. */
export function listAccountUsage(caller: RucioCaller, account: string): Promise<AccountUsage[]> {
  return collect(
    requestStream<AccountUsage>(caller, {
      method: "GET",
      path: `/accounts/${encodeSegment(account)}/usage/local`,
      accept: "application/x-json-stream",
    }),
  );
}
