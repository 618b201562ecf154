import { z } from "zod";
import { STAGING_MODES, STAGING_STATES } from "@/lib/db/values";
import { HttpError, reply, route } from "@/server/http";
import { instanceSchema, nameSchema, scopeSchema } from "@/server/http/did-input";
import { downloadFolder } from "@/server/http/download-folder";
import { createStagingRequest, listStagingRequests } from "@/server/staging";

export const dynamic = "force-dynamic";

const newStaging = z
  .object({
    instance: instanceSchema.optional(),
    scope: scopeSchema,
    name: nameSchema,
    mode: z.enum(STAGING_MODES).optional(),
    destination: downloadFolder.optional(),
  })
  .strict();

const listQuery = z.object({
  state: z.enum(STAGING_STATES).optional(),
  unfinished: z.enum(["true", "false"]).optional(),
  q: z
    .string()
    .max(200)
    .refine((q) => !q.includes("\u0000"), "must not contain NUL characters")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

/** GET /api/stagings: the signed-in user's staging requests, newest first (?state, ?unfinished, ?q, ?limit, ?after). */
export const GET = route({ access: "signed-in", query: listQuery }, ({ signIn, query }) =>
  listStagingRequests(signIn, {
    state: query.state,
    unfinished: query.unfinished === "true",
    text: query.q || undefined,
    limit: query.limit,
    after: query.after,
  }),
);

/** POST /api/stagings { scope, name, instance?, mode?, destination? }: stage a DID. 201 with the request. */
export const POST = route({ access: "signed-in", body: newStaging }, async ({ signIn, body }) => {
  if (body.destination !== undefined && body.mode !== "DOWNLOAD") {
    throw new HttpError(
      400,
      "destination: rule mode stages to the RSE the portal is configured for; a destination applies to download mode only",
    );
  }
  return reply(await createStagingRequest(signIn, body), 201);
});
