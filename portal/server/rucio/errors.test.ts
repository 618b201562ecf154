import { describe, expect, it } from "vitest";
import {
  errorFromResponse,
  isTransientStatus,
  RucioAccessDeniedError,
  RucioAuthenticationError,
  RucioConflictError,
  RucioError,
  RucioInvalidInputError,
  RucioNotFoundError,
  RucioUnavailableError,
} from "./errors";

const request = { method: "GET", url: "http://rucio.example/dids/mc20_13TeV/x" };

function rucioAnswer(status: number, exceptionClass: string, message: string) {
  const headers = new Headers({ ExceptionClass: exceptionClass, ExceptionMessage: message });
  return { status, headers, body: JSON.stringify({ ExceptionClass: exceptionClass, ExceptionMessage: message }) };
}

describe("errorFromResponse", () => {
  it("maps Rucio's not-found classes to RucioNotFoundError with all details", () => {
    const error = errorFromResponse(
      "atlas",
      request,
      rucioAnswer(404, "DataIdentifierNotFound", "Data identifier 'mc20_13TeV:x' not found"),
    );
    expect(error).toBeInstanceOf(RucioNotFoundError);
    expect(error).toBeInstanceOf(RucioError);
    expect(error).toMatchObject({
      kind: "not_found",
      instance: "atlas",
      status: 404,
      exceptionClass: "DataIdentifierNotFound",
      message: "Data identifier 'mc20_13TeV:x' not found",
      method: "GET",
      url: request.url,
      name: "RucioNotFoundError",
    });
  });

  // Each error class, with the exception classes it stands for and the HTTP status Rucio sends each with.
  const statusByExceptionClass = new Map<typeof RucioError, Record<string, number>>([
    [RucioNotFoundError, { RSENotFound: 404, RuleNotFound: 404, ScopeNotFound: 404, AccountNotFound: 404 }],
    [RucioAuthenticationError, { CannotAuthenticate: 401, IdentityNotFound: 401 }],
    [RucioAccessDeniedError, { AccessDenied: 401 }],
    [RucioConflictError, { InsufficientAccountLimit: 409, InvalidRSEExpression: 400, DuplicateRule: 409 }],
    [RucioInvalidInputError, { InvalidObject: 400, UnsupportedRequestedContentType: 406 }],
    [RucioUnavailableError, { DatabaseException: 503 }],
  ]);
  it.each(
    [...statusByExceptionClass].flatMap(([expected, statuses]) =>
      Object.entries(statuses).map(([exceptionClass, status]) => [exceptionClass, status, expected] as const),
    ),
  )("maps %s (HTTP %i) by its class", (exceptionClass, status, expected) => {
    expect(errorFromResponse("x", request, rucioAnswer(status, exceptionClass, "m"))).toBeInstanceOf(expected);
  });

  it("lets the exception class win over Rucio's inconsistent status codes", () => {
    // add_replication_rule does not catch AccessDenied: it arrives as a generic 500.
    const error = errorFromResponse("x", request, rucioAnswer(500, "AccessDenied", "Account jdoe can not add rule"));
    expect(error).toBeInstanceOf(RucioAccessDeniedError);
    expect(isTransientStatus(500, error)).toBe(false);
  });

  it("falls back to the ExceptionClass/ExceptionMessage headers when the body is not JSON", () => {
    const headers = new Headers({ ExceptionClass: "RuleNotFound", ExceptionMessage: "No rule with the id abc found" });
    const error = errorFromResponse("x", request, { status: 404, headers, body: "" });
    expect(error).toBeInstanceOf(RucioNotFoundError);
    expect(error.message).toBe("No rule with the id abc found");
  });

  it("uses the status alone for answers without Rucio fields (Flask's own 404 page, a proxy)", () => {
    const html = {
      headers: new Headers({ "Content-Type": "text/html" }),
      body: "<!doctype html><title>404 Not Found</title>",
    };
    expect(errorFromResponse("x", request, { status: 404, ...html })).toBeInstanceOf(RucioNotFoundError);
    expect(errorFromResponse("x", request, { status: 403, ...html })).toBeInstanceOf(RucioAccessDeniedError);
    expect(errorFromResponse("x", request, { status: 401, ...html })).toBeInstanceOf(RucioAuthenticationError);
    expect(errorFromResponse("x", request, { status: 409, ...html })).toBeInstanceOf(RucioConflictError);
    expect(errorFromResponse("x", request, { status: 400, ...html })).toBeInstanceOf(RucioInvalidInputError);
    const bad = errorFromResponse("x", request, { status: 502, ...html });
    expect(bad).toBeInstanceOf(RucioUnavailableError);
    expect(bad.message).toBe(`HTTP 502 from GET ${request.url}`);
    const unknown = errorFromResponse("x", request, { status: 418, ...html });
    expect(unknown.constructor).toBe(RucioError);
    expect(unknown.kind).toBe("unknown");
  });

  it("treats 5xx as transient unless a deterministic class is named, and never 4xx", () => {
    const plain = (status: number) =>
      errorFromResponse("x", request, { status, headers: new Headers(), body: "Internal Error" });
    expect(isTransientStatus(500, plain(500))).toBe(true);
    expect(isTransientStatus(503, plain(503))).toBe(true);
    expect(isTransientStatus(501, plain(501))).toBe(false);
    const databaseLocked = errorFromResponse(
      "x",
      request,
      rucioAnswer(500, "DatabaseException", "An unknown Database Exception has occurred."),
    );
    expect(isTransientStatus(500, databaseLocked)).toBe(true);
    // Recorded from GET /rules/0000 on Rucio 41.
    const generic = errorFromResponse(
      "x",
      request,
      rucioAnswer(500, "RucioException", "Badly formatted rule id (0000)"),
    );
    expect(generic.kind).toBe("unknown");
    expect(isTransientStatus(500, generic)).toBe(false);
    const invalid = errorFromResponse("x", request, rucioAnswer(500, "InvalidMetadata", "no plugin"));
    expect(isTransientStatus(500, invalid)).toBe(false);
    for (const status of [400, 401, 403, 404, 406, 409]) expect(isTransientStatus(status, plain(status))).toBe(false);
  });
});
