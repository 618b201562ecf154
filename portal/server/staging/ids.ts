import "server-only";
import { z } from "zod";

/** Ids are cuids; anything else cannot name a request. */
export const STAGING_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The route parameters of /api/stagings/{id}/…. */
export const stagingIdParams = z.object({ id: z.string().regex(STAGING_ID, "not a staging request id") });
