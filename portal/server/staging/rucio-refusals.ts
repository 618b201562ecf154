import "server-only";
import type { RucioError, RucioErrorKind } from "@/server/rucio";
import { StagingError } from "./errors";

// The HTTP status of a refusal, by what went wrong; any other kind (Rucio unreachable, unknown) is a 502.
const STATUS_OF: Partial<Record<RucioErrorKind, number>> = {
  not_found: 404,
  access_denied: 403,
  conflict: 409,
  invalid_input: 400,
};

/**
 * A Rucio error as the user sees it: Rucio's own message (quota, RSE expression, missing DID,
 * permission) with the HTTP status that fits, so a refusal never looks like success.
 */
export function refusalOf(error: RucioError, doing: string): StagingError {
  if (error.kind === "authentication") {
    return new StagingError(401, `Rucio no longer accepts your sign-in (${error.message}); sign out and sign in again`);
  }
  return new StagingError(STATUS_OF[error.kind] ?? 502, `${doing}: ${error.message}`);
}
