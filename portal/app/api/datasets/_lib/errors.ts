import "server-only";
import { NextResponse } from "next/server";
import { RucioError } from "@/server/rucio";
import type { DatasetRef } from "@/server/catalog/dataset-details";

export interface RucioFailure {
  status: number;
  message: string;
}

const did = (ref: DatasetRef) => `${ref.scope}:${ref.name}`;

/** What a failed Rucio read means for the client: the HTTP status and a sentence a user can act on. */
export function describeRucioFailure(error: RucioError, ref: DatasetRef): RucioFailure {
  switch (error.kind) {
    case "not_found":
      return { status: 404, message: `Rucio instance "${ref.instance}" has no DID ${did(ref)}.` };
    case "invalid_input":
      return { status: 400, message: `Rucio refused the request for ${did(ref)}: ${error.message}` };
    case "access_denied":
      return { status: 403, message: `The portal may not read ${did(ref)} on Rucio instance "${ref.instance}": ${error.message}` };
    case "unavailable":
    case "authentication":
      return {
        status: 503,
        message: `Rucio instance "${ref.instance}" is unreachable right now, so live data (files, replicas, rules) cannot be shown. ${error.message}`,
      };
    default:
      return { status: 502, message: `Rucio instance "${ref.instance}" failed to answer for ${did(ref)}: ${error.message}` };
  }
}

/** Status for a request the client gave up on (nginx's convention); nobody reads the answer. */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * Runs a live Rucio read and answers with its JSON, or with {error:{message}} and a fitting status.
 * A read cut short because the client left (the request's signal aborts the Rucio call) is not an error.
 */
export async function respondWithRucio<T>(ref: DatasetRef, signal: AbortSignal, read: () => Promise<T>): Promise<NextResponse> {
  try {
    return NextResponse.json(await read());
  } catch (error) {
    if (signal.aborted) return new NextResponse(null, { status: CLIENT_CLOSED_REQUEST });
    if (!(error instanceof RucioError)) throw error;
    const failure = describeRucioFailure(error, ref);
    return NextResponse.json({ error: { message: failure.message } }, { status: failure.status });
  }
}
