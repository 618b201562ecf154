import "server-only";
import { didNameSchema, didScopeSchema } from "@rucio-catalog/protocol";
import { z } from "zod";
import { defaultInstanceName, listInstanceNames } from "@/server/rucio";

/** The rules of protocol/src/did.ts, plus what only the portal knows: which instances are configured. */
export const scopeSchema = didScopeSchema;
export const nameSchema = didNameSchema;

export const instanceSchema = z
  .string()
  .max(64, "instance must be one of the configured Rucio instances")
  .refine((name) => listInstanceNames().includes(name), "instance must be one of the configured Rucio instances");

/** Path parameters of /api/datasets/{scope}/{name}/… (decoded by Next.js). */
export const didParams = z.object({ scope: scopeSchema, name: nameSchema });

/** `?instance=` of the dataset routes, the default instance when absent. */
export const instanceQuery = z.object({
  instance: instanceSchema.optional().transform((instance) => instance ?? defaultInstanceName()),
});
