import "server-only";
import { z } from "zod";
import { MAX_QUERY_LENGTH } from "@/lib/catalog/query";
import { SORTS } from "@/lib/catalog/types";
import { MAX_AUTO_STAGE_PER_RUN } from "./watch-store";

// What the watch routes accept. Auto-stage makes rules only: a download needs a running session to
// carry it out, and nobody's session is there when an indexing run finds something.

export const watchIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a watch id") });

export const feedSecretParams = z.object({
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a feed address"),
});

const watchName = z
  .string({ error: "must be the watch's name, as text" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "must not contain control characters");

const autoStage = z
  .object({ mode: z.literal("RULE"), limitPerRun: z.number().int().min(1).max(MAX_AUTO_STAGE_PER_RUN).default(5) })
  .strict()
  .nullable();

export const newWatch = z
  .object({
    name: watchName,
    query: z.string({ error: "must be a search query, as text" }).max(MAX_QUERY_LENGTH),
    sort: z.enum(SORTS).default("newest"),
    autoStage: autoStage.optional(),
  })
  .strict();

export const watchPatch = z
  .object({ name: watchName.optional(), autoStage: autoStage.optional(), viewed: z.literal(true).optional() })
  .strict();
