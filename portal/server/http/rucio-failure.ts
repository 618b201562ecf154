import "server-only";
import type { RucioError } from "@/server/rucio";

export interface RucioFailure {
  status: number;
  message: string;
}

interface DidNamed {
  scope: string;
  name: string;
}

/**
 * What a failed Rucio call means for a client: the HTTP status and a sentence a user can act on. Rucio's
 * own words (ExceptionMessage) are passed on; the portal's transport messages are not, since they name
 * the instance's internal URL; those go to the log.
 */
export function describeRucioFailure(error: RucioError, did?: DidNamed): RucioFailure {
  const instance = `Rucio instance "${error.instance}"`;
  const what = did ? ` for ${did.scope}:${did.name}` : "";
  const rucioWords = error.exceptionClass ? `: ${error.message}` : "";
  switch (error.kind) {
    case "not_found":
      return {
        status: 404,
        message: did
          ? `${instance} has no DID ${did.scope}:${did.name}.`
          : `${instance} does not know this${rucioWords}`,
      };
    case "invalid_input":
      return { status: 400, message: `Rucio refused the request${what}${rucioWords}` };
    case "access_denied":
      return { status: 403, message: `The portal may not read this${what} on ${instance}${rucioWords}` };
    case "unavailable":
    case "authentication":
      console.warn(`[rucio] ${error.message}`);
      return {
        status: 503,
        message: `${instance} is unreachable right now, so live data (files, replicas, rules) cannot be shown; try again in a minute.`,
      };
    default:
      if (!error.exceptionClass) console.warn(`[rucio] ${error.message}`);
      return { status: 502, message: `${instance} failed to answer${what}${rucioWords || "; try again later"}` };
  }
}
