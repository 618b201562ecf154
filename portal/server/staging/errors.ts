import "server-only";

/** A staging operation that cannot be done, with the HTTP status and the message the user sees. */
export class StagingError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 502 | 503,
    message: string,
    /** The request as it stands after the refusal (e.g. FAILED with Rucio's reason), when one was recorded. */
    readonly staging?: unknown,
  ) {
    super(message);
    this.name = "StagingError";
  }
}
