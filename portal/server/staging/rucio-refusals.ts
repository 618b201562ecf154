import "server-only";
import {
  RucioAccessDeniedError,
  RucioAuthenticationError,
  RucioConflictError,
  RucioError,
  RucioInvalidInputError,
  RucioNotFoundError,
} from "@/server/rucio";
import { StagingError } from "./errors";

/**
 * A Rucio error as the user sees it: Rucio's own message (quota, RSE expression, missing DID,
 * permission) with the HTTP status that fits, so a refusal never looks like success.
 */
export function refusalOf(error: RucioError, doing: string): StagingError {
  const because = `${doing}: ${error.message}`;
  if (error instanceof RucioNotFoundError) return new StagingError(404, because);
  if (error instanceof RucioAccessDeniedError) return new StagingError(403, because);
  if (error instanceof RucioAuthenticationError) {
    return new StagingError(401, `Rucio no longer accepts your sign-in (${error.message}); sign out and sign in again`);
  }
  if (error instanceof RucioConflictError) return new StagingError(409, because);
  if (error instanceof RucioInvalidInputError) return new StagingError(400, because);
  return new StagingError(502, because);
}
