import { get, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { authenticateUserpass } from "../../portal/server/rucio";
import { serializeFilters } from "../../portal/server/rucio/dids";
import { serviceIdentity } from "../../portal/server/rucio/instances";
import { parseNdjson } from "../../portal/server/rucio/ndjson";
import { RUCIO_URL, SCOPE } from "./bench-env";

/** A token for the demo's root account, obtained once (GET /auth/userpass), as the portal signs in. */
export async function rucioToken(): Promise<string> {
  const { token } = await authenticateUserpass("default", serviceIdentity("default"));
  return token;
}

export async function rucioVersion(): Promise<string> {
  const { body } = await freshGet(`${RUCIO_URL}/ping`, {});
  return ((await new Response(body).json()) as { version?: string }).version ?? "?";
}

export const rucioSearchUrl = (filters: Record<string, string>) =>
  `${RUCIO_URL}/dids/${encodeURIComponent(SCOPE)}/dids/search?${new URLSearchParams(filters)}`;

/**
 * A GET on a connection of its own: gunicorn closes an idle connection after 2 s without saying so, and
 * a client that reuses it later fails ("other side closed"); on loopback connecting costs a fraction of a ms.
 */
async function freshGet(url: string, headers: Record<string, string>) {
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get(url, { agent: false, headers }, resolve).on("error", reject),
  );
  return { status: response.statusCode, body: Readable.toWeb(response) as ReadableStream<Uint8Array> };
}

/**
 * Rucio's own search, one plain GET with the filters as query parameters: every matching DID's name,
 * read to the end of the stream (Rucio sends one JSON string per line, with no total and no paging).
 */
export async function rucioSearch(token: string, filters: Record<string, string>): Promise<string[]> {
  const url = rucioSearchUrl(filters);
  const { status, body } = await freshGet(url, { "X-Rucio-Auth-Token": token, Accept: "application/x-json-stream" });
  if (status !== 200) throw new Error(`Rucio answered ${status} to ${url}: ${await new Response(body).text()}`);
  const names: string[] = [];
  for await (const name of parseNdjson(body)) names.push(name as string);
  return names;
}

/**
 * The same filters in Rucio's other form, one `filters` parameter (a Python literal, as rucio-clients
 * send it) with typed values: a check that both forms select the same DIDs.
 */
export function asFiltersParameter(filters: Record<string, string>): Record<string, string> {
  const typed = Object.entries(filters).map(([key, value]) => [key, /^\d+$/.test(value) ? Number(value) : value]);
  return { filters: serializeFilters([Object.fromEntries(typed)]) };
}
