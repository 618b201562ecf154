import "server-only";

import type { z } from "zod";
import { HttpError } from "./http-error";

/** The one formatter of input errors: the first issue, prefixed with where it is. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new HttpError(400, `${where}${issue?.message ?? "invalid input"}`);
}
