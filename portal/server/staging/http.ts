import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { signInOfRequest, type SignIn } from "@/server/auth/session";
import { StagingError } from "./errors";

// Shared by the /api/stagings route handlers: errors as { error: { message } } with a fitting status.

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export function errorResponse(status: number, message: string, staging?: unknown): NextResponse {
  return json(staging === undefined ? { error: { message } } : { error: { message }, staging }, status);
}

export async function requireSignIn(request: NextRequest): Promise<SignIn> {
  const signIn = await signInOfRequest(request);
  if (!signIn) throw new StagingError(401, "Sign in to stage datasets and to see your staging history");
  return signIn;
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new StagingError(400, `${where}${issue?.message ?? "invalid input"}`);
}

/** No route here takes more than a few kilobytes; larger bodies are refused before they are parsed. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const tooLarge = () => new StagingError(413, `The body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB`);

async function readBodyText(request: NextRequest): Promise<string> {
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
export async function jsonBody(request: NextRequest): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new StagingError(415, "Send a JSON body (Content-Type: application/json)");
  }
  const text = await readBodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new StagingError(400, "The body is not valid JSON");
  }
}

/** Runs a route's work and turns refusals into JSON errors; anything unexpected is logged and hidden. */
export async function respond(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StagingError) return errorResponse(error.status, error.message, error.staging);
    console.error("[stagings] unexpected error", error);
    return errorResponse(500, "The portal failed to handle this request; the error has been logged");
  }
}

/** Ids are cuids; anything else cannot name a request. */
export const STAGING_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The route parameters of /api/stagings/{id}/…, and their validation. */
export type StagingRouteContext = { params: Promise<{ id: string }> };
export const stagingIdParams = z.object({ id: z.string().regex(STAGING_ID, "not a staging request id") });
