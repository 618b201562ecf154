import "server-only";

/** A request that cannot be served, with the HTTP status and the message the client shows. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Further fields of the error envelope (e.g. a query error's position, the staging as it stands). */
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Status for a request the client gave up on (nginx's convention); nobody reads the answer. */
export const CLIENT_CLOSED_REQUEST = 499;
