import "server-only";

/** What went wrong, independent of which Rucio exception class or HTTP status said so. */
export type RucioErrorKind =
  "not_found" | "authentication" | "access_denied" | "conflict" | "invalid_input" | "unavailable" | "unknown";

export interface RucioErrorDetails {
  instance: string;
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number;
  /** Rucio's ExceptionClass (e.g. "DataIdentifierNotFound"), when the server named one. */
  exceptionClass?: string;
  method?: string;
  url?: string;
  cause?: unknown;
}

/** Any failure of a call to a Rucio instance. `message` is Rucio's ExceptionMessage when there is one. */
export class RucioError extends Error {
  readonly kind: RucioErrorKind = "unknown";
  readonly instance: string;
  readonly status?: number;
  readonly exceptionClass?: string;
  readonly method?: string;
  readonly url?: string;

  constructor(message: string, details: RucioErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.instance = details.instance;
    this.status = details.status;
    this.exceptionClass = details.exceptionClass;
    this.method = details.method;
    this.url = details.url;
  }
}

/** The base of one kind's class: callers catch by class, and `kind` says the same without a class. */
function ofKind<K extends RucioErrorKind>(kind: K) {
  return class extends RucioError {
    override readonly kind = kind;
  };
}

export class RucioNotFoundError extends ofKind("not_found") {}
export class RucioAuthenticationError extends ofKind("authentication") {}
export class RucioAccessDeniedError extends ofKind("access_denied") {}
/** The request is valid but collides with the state: quota, duplicate rule, RSE expression matching nothing. */
export class RucioConflictError extends ofKind("conflict") {}
export class RucioInvalidInputError extends ofKind("invalid_input") {}
/** The instance could not be reached or kept failing (network, timeout, 5xx) after the retries. */
export class RucioUnavailableError extends ofKind("unavailable") {}

type ErrorClass = new (message: string, details: RucioErrorDetails) => RucioError;

// Rucio's REST layer is inconsistent about status codes (AccessDenied comes back as 401, 403 or an
// uncaught 500; InvalidMetadata as 500), so the exception class decides first and the status second.
const BY_EXCEPTION_CLASS: Record<string, ErrorClass> = {};
function register(errorClass: ErrorClass, names: string[]) {
  for (const name of names) BY_EXCEPTION_CLASS[name] = errorClass;
}
register(RucioNotFoundError, [
  "DataIdentifierNotFound",
  "RSENotFound",
  "RuleNotFound",
  "ScopeNotFound",
  "AccountNotFound",
  "ReplicaNotFound",
  "RequestNotFound",
  "KeyNotFound",
  "RSEAttributeNotFound",
  "CounterNotFound",
  "SubscriptionNotFound",
  "LifetimeExceptionNotFound",
  "VONotFound",
  "RSEProtocolNotSupported",
  "SourceNotFound",
  "OpenDataDataIdentifierNotFound",
]);
register(RucioAuthenticationError, ["CannotAuthenticate", "IdentityError", "IdentityNotFound", "NoAuthInformation"]);
register(RucioAccessDeniedError, ["AccessDenied", "ScopeAccessDenied", "CannotAuthorize", "RSEAccessDenied"]);
register(RucioConflictError, [
  "InsufficientAccountLimit",
  "InvalidRSEExpression",
  "DuplicateRule",
  "InsufficientTargetRSEs",
  "InvalidReplicationRule",
  "ReplicationRuleCreationTemporaryFailed",
  "InvalidRuleWeight",
  "StagingAreaRuleRequiresLifetime",
  "ScratchDiskLifetimeConflict",
  "ManualRuleApprovalBlocked",
  "RuleReplaceFailed",
  "Duplicate",
  "DataIdentifierAlreadyExists",
  "FileAlreadyExists",
  "UnsupportedOperation",
  "RSEOverQuota",
  "FullStorage",
  "ReplicaIsLocked",
]);
register(RucioInvalidInputError, [
  "InvalidObject",
  "InputValidationError",
  "InvalidMetadata",
  "InvalidType",
  "InvalidValueForKey",
  "InvalidRequest",
  "InvalidPath",
  "DIDFilterSyntaxError",
  "DuplicateCriteriaInDIDFilter",
  "UnsupportedMetadataPlugin",
  "UnsupportedValueType",
  "UnsupportedKeyType",
  "UnsupportedDIDType",
  "UnsupportedStatus",
  "NameTypeError",
  "UnsupportedRequestedContentType",
  "SortingAlgorithmNotSupported",
  "InvalidSourceReplicaExpression",
  "MetadataSchemaMismatchError",
  "ValueError",
  "TypeError",
  "KeyError",
]);
register(RucioUnavailableError, ["ServiceUnavailable", "DatabaseException", "ResourceTemporaryUnavailable"]);

function classForStatus(status: number): ErrorClass {
  if (status === 404) return RucioNotFoundError;
  if (status === 401) return RucioAuthenticationError;
  if (status === 403) return RucioAccessDeniedError;
  if (status === 409) return RucioConflictError;
  if (status === 400 || status === 406 || status === 422) return RucioInvalidInputError;
  if (status === 502 || status === 503 || status === 504) return RucioUnavailableError;
  return RucioError;
}

export interface ErrorResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Reads ExceptionClass/ExceptionMessage from the JSON body, else from the headers Rucio also sets. */
function describe(response: ErrorResponse): { exceptionClass?: string; message?: string } {
  let exceptionClass: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (parsed && typeof parsed === "object") {
      const record = parsed as Record<string, unknown>;
      if (typeof record.ExceptionClass === "string") exceptionClass = record.ExceptionClass;
      if (typeof record.ExceptionMessage === "string") message = record.ExceptionMessage;
    }
  } catch {
    // not JSON (a proxy's HTML page, Flask's own 404): fall back to headers
  }
  exceptionClass ??= response.headers.get("ExceptionClass") || undefined;
  message ??= response.headers.get("ExceptionMessage") || undefined;
  return { exceptionClass, message };
}

export function errorFromResponse(
  instance: string,
  request: { method: string; url: string },
  response: ErrorResponse,
): RucioError {
  const { exceptionClass, message } = describe(response);
  const errorClass = (exceptionClass && BY_EXCEPTION_CLASS[exceptionClass]) || classForStatus(response.status);
  const text = message ?? `HTTP ${response.status} from ${request.method} ${request.url}`;
  return new errorClass(text, { instance, status: response.status, exceptionClass, ...request });
}

/**
 * Whether trying again can help: 502/503/504, a 500 that names no Rucio exception (a crashed worker,
 * a proxy) and Rucio's own "come back later" classes (DatabaseException, e.g. a locked SQLite file).
 * A 500 naming any other class is deterministic: uncaught AccessDenied, InvalidMetadata, or the
 * generic RucioException ("Badly formatted rule id").
 */
export function isTransientStatus(status: number, error: RucioError): boolean {
  if (![500, 502, 503, 504].includes(status)) return false;
  return error.kind === "unavailable" || (error.kind === "unknown" && !error.exceptionClass);
}
