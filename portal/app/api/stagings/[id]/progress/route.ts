import { stagingStateSchema } from "@rucio-catalog/protocol";
import { z } from "zod";
import type { StagingResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { applyProgressReport, stagingIdParams } from "@/server/staging";

export const dynamic = "force-dynamic";

/** The database keeps byte counts as signed 64-bit integers. */
const MAX_BYTES = 2n ** 63n - 1n;

/** A byte count as a JSON number (safe integer) or a decimal string (beyond 2^53). */
const byteCount = z
  .union([
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^\d{1,19}$/, "must be a whole number"),
  ])
  .transform((value) => BigInt(value))
  .refine((value) => value <= MAX_BYTES, "must be at most 2^63 - 1");

/** The executor speaks the protocol's state names (as in its `progress` messages). */
const STATE_OF_PROTOCOL = {
  pending: "QUEUED",
  staging: "DOWNLOADING",
  done: "OK",
  failed: "FAILED",
  cancelled: "CANCELLED",
} as const;

const report = z
  .object({
    state: stagingStateSchema.transform((state) => STATE_OF_PROTOCOL[state]).optional(),
    filesDone: z.number().int().min(0).max(100_000_000),
    bytesDone: byteCount,
    filesTotal: z.number().int().min(0).max(100_000_000).optional(),
    bytesTotal: byteCount.optional(),
    error: z
      .string()
      .max(2000)
      .refine((error) => !error.includes("\u0000"), "must not contain NUL characters")
      .optional(),
  })
  .strict();

/**
 * PATCH /api/stagings/{id}/progress with `Authorization: Bearer <progress token>`: the download
 * executor reports progress. No session cookie is involved: the token is the only credential.
 */
export const PATCH = route(
  { access: "progress-token", params: stagingIdParams, body: report },
  async ({ progressHolder, body }): Promise<StagingResponse> => ({
    staging: await applyProgressReport(progressHolder, body),
  }),
);
