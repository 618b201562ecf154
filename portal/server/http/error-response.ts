import "server-only";
import { NextResponse } from "next/server";
import { QuerySyntaxError } from "@/lib/catalog/query";
import { CatalogBusyError, CursorError, SearchAbandonedError, SearchTimeoutError } from "@/server/catalog/search";
import { RucioError } from "@/server/rucio";
import { CLIENT_CLOSED_REQUEST, HttpError } from "./http-error";
import { describeRucioFailure } from "./rucio-failure";

const NO_STORE = { "Cache-Control": "no-store" };

/** The one error envelope: `{ error: { message, ...details } }`. */
export function errorJson(
  status: number,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const { staging, ...rest } = details;
  const body = { error: { message, ...rest }, ...(staging === undefined ? {} : { staging }) };
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * What a failed request answers. Known refusals keep their status and words; a client that left gets
 * 499 with no body; anything unexpected is logged and hidden behind a 500.
 */
export function errorResponse(error: unknown, request: Request, label: string): Response {
  if (request.signal.aborted) return new NextResponse(null, { status: CLIENT_CLOSED_REQUEST });
  if (error instanceof HttpError) return errorJson(error.status, error.message, error.details, error.headers);
  if (error instanceof QuerySyntaxError) return errorJson(400, error.message, { ...error.toJSON() });
  if (error instanceof CursorError) return errorJson(400, error.message);
  // An abandoned search's answer reaches no one; it is a 503 only for the logs.
  if (error instanceof CatalogBusyError || error instanceof SearchAbandonedError) {
    return errorJson(503, error.message, {}, { "Retry-After": "5" });
  }
  if (error instanceof SearchTimeoutError) return errorJson(503, error.message, {}, { "Retry-After": "5" });
  if (error instanceof RucioError) {
    const failure = describeRucioFailure(error);
    return errorJson(failure.status, failure.message, {}, failure.status === 503 ? { "Retry-After": "10" } : {});
  }
  console.error(`[${label}] unexpected error`, error);
  return errorJson(500, "The portal failed to handle this request; the error has been logged");
}
