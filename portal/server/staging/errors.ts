import "server-only";
import { HttpError } from "@/server/http/http-error";

/** A staging operation that cannot be done, with the HTTP status and the message the user sees. */
export class StagingError extends HttpError {
  constructor(
    status: number,
    message: string,
    /** The request as it stands after the refusal (e.g. FAILED with Rucio's reason), when one was recorded. */
    readonly staging?: unknown,
  ) {
    super(status, message, staging === undefined ? {} : { staging });
    this.name = "StagingError";
  }
}
