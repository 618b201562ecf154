import type { QueryError } from "../types";

/** A query the parser cannot read, with the offending span so the UI can underline it. */
export class QuerySyntaxError extends Error implements QueryError {
  override readonly name = "QuerySyntaxError";

  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }

  toJSON(): QueryError {
    return { message: this.message, position: this.position, length: this.length };
  }
}
