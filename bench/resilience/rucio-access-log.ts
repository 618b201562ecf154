import { closeSync, openSync, readSync, statSync } from "node:fs";

/** One request as the local Rucio's gunicorn access log records it (second resolution). */
export interface RucioCall {
  at: number;
  method: string;
  path: string;
  status: number;
  /** User-Agent: "node" for the portal's gateway, "rucio-clients/…" for Rucio's own client and scripts. */
  agent: string;
}

const LINE =
  /\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-]\d{4})\] "(\w+) (\S+) HTTP\/[\d.]+" (\d{3}) \S+ "[^"]*" "([^"]*)"/;

/** Where the log ends now: read from here later to get only what came after. */
export const logOffset = (file: string) => statSync(file).size;

/** The calls logged since `offset`. */
export function callsSince(file: string, offset: number): RucioCall[] {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const calls: RucioCall[] = [];
  for (const line of buffer.toString("utf8").split("\n")) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, day, month, year, time, zone, method, path, status, agent] = match;
    calls.push({
      at: Date.parse(`${day} ${month} ${year} ${time} ${zone}`),
      method: method!,
      path: path!,
      status: Number(status),
      agent: agent!,
    });
  }
  return calls;
}

/** What a call was for, as the tracker makes them. */
export function kindOf(call: RucioCall): string {
  const path = call.path.split("?")[0]!;
  if (/^\/rules\/[0-9a-f]{32}\/locks$/.test(path)) return "rule locks";
  if (/^\/rules\/[0-9a-f]{32}$/.test(path)) return call.method === "DELETE" ? "delete rule" : "rule";
  if (/^\/dids\/[^/]+\/[^/]+\/files$/.test(path)) return "dataset files";
  if (path.startsWith("/auth/")) return "auth";
  return `${call.method} other`;
}

/** The rule id a GET /rules/{id} asked about, or undefined. */
export function polledRule(call: RucioCall): string | undefined {
  return call.method === "GET" ? /^\/rules\/([0-9a-f]{32})$/.exec(call.path)?.[1] : undefined;
}
