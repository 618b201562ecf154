import type { ApiErrorBody } from "@/lib/api-responses";
import { withBasePath } from "@/lib/base-path";

/** A non-2xx answer of the portal's API, with what its `{ error: { message, ... } }` envelope said. */
export class ApiError extends Error {
  /** Where a search query error is in `q`: zero-based offset and length. */
  readonly position?: number;
  readonly length?: number;

  constructor(
    readonly status: number,
    message: string,
    /** The whole envelope (e.g. the staging as it stands, who is signed in), when the answer had one. */
    readonly body?: ApiErrorBody,
  ) {
    super(message);
    this.name = "ApiError";
    this.position = body?.error.position;
    this.length = body?.error.length;
  }
}

export interface ApiRequest {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent as the JSON body. */
  json?: unknown;
  signal?: AbortSignal;
  cache?: RequestCache;
}

const isNumber = (value: unknown): value is number => typeof value === "number";
const isString = (value: unknown): value is string => typeof value === "string";

// The body is whatever came back (a proxy's HTML page, a truncated answer): keep only well-typed fields.
function errorOf(status: number, body: unknown): ApiError {
  const envelope = (body ?? {}) as { error?: Record<string, unknown>; staging?: unknown };
  const error = envelope.error;
  if (!error || !isString(error.message)) return new ApiError(status, `The portal answered HTTP ${status}`);
  const read: ApiErrorBody = {
    error: {
      message: error.message,
      ...(isNumber(error.position) ? { position: error.position } : {}),
      ...(isNumber(error.length) ? { length: error.length } : {}),
      ...(isString(error.signedInAs) ? { signedInAs: error.signedInAs } : {}),
      ...(isString(error.account) ? { account: error.account } : {}),
    },
    ...(envelope.staging && typeof envelope.staging === "object"
      ? { staging: envelope.staging as ApiErrorBody["staging"] }
      : {}),
  };
  return new ApiError(status, error.message, read);
}

/** Calls one of the portal's JSON APIs from the browser; throws ApiError with the server's words on a non-2xx answer. */
export async function fetchJson<T>(url: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(withBasePath(url), {
    method: request.method,
    headers,
    body: request.json === undefined ? undefined : JSON.stringify(request.json),
    signal: request.signal,
    cache: request.cache,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response.status, body);
  return body as T;
}
