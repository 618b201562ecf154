import "server-only";
import { z } from "zod";

/** `?limit=` of a paged listing: a whole number of items from 1 to `max`, 50 when not given. */
export const pageLimit = (max: number) =>
  z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(max, `limit must be at most ${max}`)
    .default(50);
