import "server-only";
import { HttpError } from "./http-error";

/** No route here takes more than a few kilobytes; larger bodies are refused before they are parsed. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const tooLarge = () => new HttpError(413, `The body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB`);

async function readBodyText(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BODY_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The JSON body of a state-changing request. Requiring `application/json` also keeps plain HTML forms
 * on other sites from posting here with the user's cookie (such requests need a CORS preflight).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new HttpError(415, "Send a JSON body (Content-Type: application/json)");
  }
  const text = await readBodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON");
  }
}
