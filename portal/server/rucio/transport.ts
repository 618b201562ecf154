import "server-only";
import { errorFromResponse, isTransientStatus, RucioError, RucioUnavailableError } from "./errors";
import type { RucioInstance } from "./instances";

export interface TransportRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  /** Serialized as JSON. */
  body?: unknown;
  /**
   * Whether sending the request twice is harmless. Requests that are not (rule creation, deletion)
   * are only repeated when the server cannot have acted on them: connection refused or 503.
   */
  idempotent: boolean;
  signal?: AbortSignal;
}

/**
 * Aborts a request when nothing has happened for `ms`: no headers yet, or, while a body is being
 * read, no new chunk. A long stream that keeps flowing is never cut.
 */
export class IdleTimer {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ms: number) {
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get fired(): boolean {
    return this.controller.signal.aborted;
  }

  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new Error(`no response within ${this.ms} ms`)), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

export interface TransportResponse {
  response: Response;
  /** Still running: the caller reads the body under it and stops it when done. */
  timer: IdleTimer;
}

function describeFailure(error: unknown, timer: IdleTimer): string {
  if (timer.fired) return `timed out (${String((timer.signal.reason as Error).message)})`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function connectionRefused(error: unknown): boolean {
  return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random; capped at 10 s. */
export function backoffDelay(attempt: number, baseMs: number): number {
  const full = Math.min(10_000, baseMs * 2 ** attempt);
  return full / 2 + Math.random() * (full / 2);
}

export async function readBodyText(response: Response, timer: IdleTimer): Promise<string> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    timer.kick();
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf-8");
}

/**
 * Sends one request to a Rucio instance with timeout and retries. Network errors, timeouts and
 * 500/502/503/504 without a deterministic Rucio exception are retried with backoff; 4xx never are.
 * Resolves with a 2xx response whose body is unread; every other outcome throws a RucioError.
 * Redirects (Rucio's whoami answers 303) are followed only within the instance's origin, so the
 * token header never travels to another host.
 */
export async function send(
  instance: RucioInstance,
  request: TransportRequest,
  redirectsLeft = 3,
): Promise<TransportResponse> {
  const { method, url } = request;
  const path = new URL(url).pathname;
  for (let attempt = 0; ; attempt++) {
    const timer = new IdleTimer(instance.timeoutMs);
    const signals = request.signal ? [timer.signal, request.signal] : [timer.signal];
    const canRetry = attempt < instance.retries;
    const retry = () => sleep(backoffDelay(attempt, instance.retryBaseMs), request.signal);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers:
          request.body === undefined ? request.headers : { ...request.headers, "Content-Type": "application/json" },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.any(signals),
        redirect: "manual",
      });
    } catch (error) {
      timer.stop();
      if (request.signal?.aborted) throw request.signal.reason;
      if (canRetry && (request.idempotent || connectionRefused(error))) {
        await retry();
        continue;
      }
      throw new RucioUnavailableError(
        `Rucio instance "${instance.name}" is unreachable at ${instance.url} (${method} ${path}): ` +
          `${describeFailure(error, timer)}; ${attempt + 1} attempt(s)`,
        { instance: instance.name, method, url, cause: error },
      );
    }
    if (response.ok) return { response, timer };
    const location = response.headers.get("Location");
    if (response.status >= 300 && response.status < 400 && location) {
      timer.stop();
      await response.body?.cancel();
      return send(instance, redirected(instance, request, response.status, location, redirectsLeft), redirectsLeft - 1);
    }

    let body: string;
    try {
      body = await readBodyText(response, timer);
    } catch {
      body = "";
    } finally {
      timer.stop();
    }
    const error = errorFromResponse(
      instance.name,
      { method, url },
      { status: response.status, headers: response.headers, body },
    );
    if (!isTransientStatus(response.status, error)) throw error;
    if (canRetry && (request.idempotent || response.status === 503)) {
      await retry();
      continue;
    }
    throw unavailableAfterRetries(instance, request, error, attempt + 1);
  }
}

function redirected(
  instance: RucioInstance,
  request: TransportRequest,
  status: number,
  location: string,
  redirectsLeft: number,
): TransportRequest {
  const target = new URL(location, request.url);
  const details = { instance: instance.name, status, method: request.method, url: request.url };
  if (target.origin !== new URL(request.url).origin) {
    throw new RucioError(
      `Rucio redirected ${request.method} ${request.url} to another origin (${target.origin}); not followed`,
      details,
    );
  }
  if (redirectsLeft <= 0) throw new RucioError(`Too many redirects from ${request.url}`, details);
  const asGet = status === 303;
  return {
    ...request,
    url: target.toString(),
    method: asGet ? "GET" : request.method,
    body: asGet ? undefined : request.body,
  };
}

function unavailableAfterRetries(
  instance: RucioInstance,
  request: TransportRequest,
  error: RucioError,
  attempts: number,
): RucioUnavailableError {
  const what = [error.exceptionClass, error.message].filter(Boolean).join(": ");
  return new RucioUnavailableError(
    `Rucio instance "${instance.name}" failed at ${instance.url} (${request.method} ${new URL(request.url).pathname}): ` +
      `HTTP ${error.status} ${what}; ${attempts} attempt(s)`,
    {
      instance: instance.name,
      status: error.status,
      exceptionClass: error.exceptionClass,
      method: request.method,
      url: request.url,
      cause: error,
    },
  );
}
