import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The search route handler behind a plain Node HTTP server on a free loopback port: requests cross a
 * real socket and the JSON is serialized as in the portal, without Next.js's router around the handler.
 */
export async function serveSearchRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const { GET } = await import("../../portal/app/api/search/route");
  const server: Server = createServer((req, res) => {
    const headers = new Headers();
    if (req.headers["if-none-match"]) headers.set("if-none-match", req.headers["if-none-match"]);
    GET(new Request(`http://127.0.0.1${req.url ?? "/"}`, { headers }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
