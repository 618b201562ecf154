import { describe, expect, it } from "vitest";
import { formatRucioDate, parseNaiveUtcDate, parseRucioDate, parseRucioJson } from "./json";

describe("Rucio dates", () => {
  it("parses '%a, %d %b %Y %H:%M:%S UTC' as UTC", () => {
    expect(parseRucioDate("Tue, 05 Mar 2024 07:08:09 UTC")?.toISOString()).toBe("2024-03-05T07:08:09.000Z");
    expect(parseRucioDate("Thu, 01 Jan 1970 00:00:00 UTC")?.getTime()).toBe(0);
  });

  it("rejects anything else", () => {
    for (const text of [
      "2024-03-05T07:08:09",
      "Tue, 05 Mar 2024 07:08:09 GMT",
      "Tue, 5 Mar 2024 07:08:09 UTC",
      "Tue, 05 Foo 2024 07:08:09 UTC",
      "",
    ]) {
      expect(parseRucioDate(text)).toBeUndefined();
    }
  });

  it("formats back to the same text", () => {
    const text = "Sun, 31 Dec 2023 23:59:59 UTC";
    expect(formatRucioDate(parseRucioDate(text)!)).toBe(text);
  });

  it("reads the account endpoints' zone-less ISO dates as UTC", () => {
    expect(parseNaiveUtcDate("2024-03-05T07:08:09")?.toISOString()).toBe("2024-03-05T07:08:09.000Z");
    expect(parseNaiveUtcDate(null)).toBeNull();
    expect(parseNaiveUtcDate("yesterday")).toBeNull();
  });
});

describe("parseRucioJson", () => {
  it("turns Rucio-format date strings into Date, anywhere in the document", () => {
    const value = parseRucioJson(
      '{"created_at": "Tue, 05 Mar 2024 07:08:09 UTC", "nested": [{"at": "Thu, 01 Jan 1970 00:00:00 UTC"}], "name": "x"}',
    ) as {
      created_at: Date;
      nested: { at: Date }[];
      name: string;
    };
    expect(value.created_at).toBeInstanceOf(Date);
    expect(value.nested[0]?.at.getTime()).toBe(0);
    expect(value.name).toBe("x");
  });

  it("accepts the Infinity that Python writes for unlimited account limits", () => {
    expect(parseRucioJson('{"SWAN-MOUNT": Infinity, "REMOTE-POSIX": 1000, "neg": -Infinity, "nan": NaN}')).toEqual({
      "SWAN-MOUNT": Infinity,
      "REMOTE-POSIX": 1000,
      neg: -Infinity,
      nan: NaN,
    });
  });

  it("leaves the word Infinity inside strings alone", () => {
    expect(parseRucioJson('{"comment": "to Infinity and \\"NaN\\"", "limit": Infinity}')).toEqual({
      comment: 'to Infinity and "NaN"',
      limit: Infinity,
    });
  });

  it("still rejects documents that are not JSON", () => {
    expect(() => parseRucioJson("{not json")).toThrow(SyntaxError);
    expect(() => parseRucioJson("{Infinityx: 1}")).toThrow(SyntaxError);
  });
});
