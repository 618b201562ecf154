import { expect } from "vitest";
import { parseQuery, QuerySyntaxError } from ".";

// Support for the query language's tests.

/** The QuerySyntaxError a query is refused with, as the API sends it; fails when the query parses. */
export function syntaxErrorOf(q: string): { message: string; position: number; length: number } {
  try {
    parseQuery(q);
  } catch (error) {
    expect(error).toBeInstanceOf(QuerySyntaxError);
    return (error as QuerySyntaxError).toJSON();
  }
  throw new Error(`"${q}" parsed without error`);
}
