import type { NextRequest } from "next/server";
import { z } from "zod";
import { issueEmbedCode } from "@/server/auth/embed-sign-in";
import { defaultInstanceName, listInstanceNames, RucioAuthenticationError, RucioError, RucioUnavailableError } from "@/server/rucio";
import { StagingError } from "@/server/staging/errors";
import { json, jsonBody, parseInput, respond } from "@/server/staging/http";

export const dynamic = "force-dynamic";

const embedSignIn = z
  .object({
    instance: z.string().min(1).max(64).optional(),
    rucioToken: z.string().min(16).max(8192).regex(/^[\x21-\x7e]+$/, "must be a Rucio token"),
    next: z.string().max(2048).optional(),
  })
  .strict();

/**
 * POST /api/embed/sign-ins { rucioToken, instance?, next? }, called by a Jupyter server for its user:
 * 201 { code, expiresAt, account, startPath } when Rucio accepts the token. The panel loads startPath.
 */
export function POST(request: NextRequest) {
  return respond(async () => {
    const input = parseInput(embedSignIn, await jsonBody(request));
    const instance = input.instance ?? defaultInstanceName();
    if (!listInstanceNames().includes(instance)) throw new StagingError(400, `instance: the portal knows no Rucio instance "${instance}"`);
    try {
      const issued = await issueEmbedCode(instance, input.rucioToken);
      const start = new URLSearchParams({ code: issued.code, ...(input.next ? { next: input.next } : {}) });
      return json({ code: issued.code, expiresAt: issued.expiresAt.toISOString(), account: issued.account, startPath: `/embed/start?${start}` }, 201);
    } catch (error) {
      if (error instanceof RucioAuthenticationError) throw new StagingError(401, `Rucio instance "${instance}" does not accept this token: ${error.message}`);
      if (error instanceof RucioUnavailableError) throw new StagingError(503, `Rucio instance "${instance}" cannot be reached to check the token; try again later`);
      if (error instanceof RucioError) throw new StagingError(502, `Rucio instance "${instance}" failed to check the token: ${error.message}`);
      throw error;
    }
  });
}
