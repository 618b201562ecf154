import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@/server/rucio/errors";
import { refusalOf } from "./rucio-refusals";

// Rucio's answers as the gateway maps them (recorded ExceptionClass/ExceptionMessage pairs), then as the user sees them.
const rucioAnswer = (status: number, exceptionClass: string, message: string) =>
  errorFromResponse(
    "default",
    { method: "POST", url: "http://rucio/rules/" },
    {
      status,
      headers: new Headers(),
      body: JSON.stringify({ ExceptionClass: exceptionClass, ExceptionMessage: message }),
    },
  );

describe("Rucio refusals as the user sees them", () => {
  it.each([
    [
      409,
      "InsufficientAccountLimit",
      "There is insufficient quota on any of the target RSE's to fullfill the operation.",
      409,
    ],
    [409, "InvalidRSEExpression", "Provided RSE expression is considered invalid.", 409],
    [404, "DataIdentifierNotFound", "Data identifier 'user.jdoe:nothing' not found", 404],
    [401, "AccessDenied", "Account alice can not add replication rule", 403],
    [400, "InvalidObject", "Provided object does not match schema.", 400],
    [503, "ServiceUnavailable", "Rucio is down for maintenance", 502],
  ])("%i %s keeps Rucio's words", (status, exceptionClass, message, expected) => {
    const refusal = refusalOf(rucioAnswer(status, exceptionClass, message), "Rucio refused the rule");
    expect(refusal.status).toBe(expected);
    expect(refusal.message).toBe(`Rucio refused the rule: ${message}`);
  });

  it("a token Rucio no longer accepts asks the user to sign in again", () => {
    const refusal = refusalOf(
      rucioAnswer(401, "CannotAuthenticate", "Cannot authenticate with given credentials"),
      "Rucio refused the rule",
    );
    expect(refusal.status).toBe(401);
    expect(refusal.message).toMatch(/sign in again$/);
  });
});
