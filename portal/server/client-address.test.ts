import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, recordPeerAddresses } from "./client-address";

// Real requests over a socket to a real Node HTTP server, as Next.js's own server receives them: the
// headers a route would see, with the peer recorded by the start-up hook's subscription.

let server: Server;
let url: string;
let received: IncomingHttpHeaders | undefined;

beforeAll(async () => {
  recordPeerAddresses();
  server = createServer((request, response) => {
    received = request.headers;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The headers a route sees for a request sent with `headers` from 127.0.0.1. */
async function headersOf(headers: Record<string, string>): Promise<Record<string, unknown>> {
  await fetch(url, { headers });
  return { ...received };
}

describe("client address", () => {
  it("is the socket's peer when that is no trusted proxy, whatever X-Forwarded-For says", async () => {
    const headers = await headersOf({ "x-forwarded-for": "203.0.113.9, 198.51.100.1" });
    expect(clientAddress(headers, parseTrustedProxies(""))).toBe("127.0.0.1");
    expect(clientAddress(headers, parseTrustedProxies("10.0.0.0/8"))).toBe("127.0.0.1");
  });

  it("cannot be named by the client with the peer header itself", async () => {
    const headers = await headersOf({ "x-rucio-catalog-peer": "203.0.113.66" });
    expect(clientAddress(headers, parseTrustedProxies(""))).toBe("127.0.0.1");
    // Headers that never went through the recording server (or were forged before it ran) name nobody.
    expect(
      clientAddress(
        { "x-rucio-catalog-peer": "203.0.113.66", "x-forwarded-for": "203.0.113.66" },
        parseTrustedProxies(""),
      ),
    ).toBe("unknown");
    expect(clientAddress(undefined, parseTrustedProxies(""))).toBe("unknown");
  });

  it("behind trusted proxies, is the right-most X-Forwarded-For entry that is not one of them", async () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8 2001:db8::/32");
    const headers = await headersOf({ "x-forwarded-for": "192.0.2.1, 198.51.100.7, 10.1.2.3" });
    expect(clientAddress(headers, trusted)).toBe("198.51.100.7");
    expect(clientAddress(await headersOf({ "x-forwarded-for": "2001:db8::5, ::ffff:198.51.100.8" }), trusted)).toBe(
      "198.51.100.8",
    );
    // Every hop trusted: the left-most one is the closest thing to a client there is.
    expect(clientAddress(await headersOf({ "x-forwarded-for": "10.9.9.9, 10.0.0.1" }), trusted)).toBe("10.9.9.9");
    // No X-Forwarded-For at all: the proxy itself is the client.
    expect(clientAddress(await headersOf({}), trusted)).toBe("127.0.0.1");
  });

  it("refuses trusted proxy entries that are no address or range, naming the variable", () => {
    for (const entry of ["localhost", "10.0.0.0/33", "10.0.0.1/8/1", "2001:db8::/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(entry)).toThrow(
        `PORTAL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`,
      );
    }
  });
});
