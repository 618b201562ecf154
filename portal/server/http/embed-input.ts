import "server-only";
import { z } from "zod";
import { instanceSchema } from "./did-input";

/** What a Jupyter server sends to the embed routes: its user's Rucio token, and which instance issued it. */
export const embedCredentials = {
  instance: instanceSchema.optional(),
  rucioToken: z
    .string()
    .min(16)
    .max(8192)
    .regex(/^[\x21-\x7e]+$/, "must be a Rucio token"),
};
