import "server-only";
import { z } from "zod";

/** A folder below the download executor's root: relative, no `..`, nothing a file system misreads. */
export const downloadFolder = z
  .string()
  .min(1, "must name a folder")
  .max(255, "must be at most 255 characters")
  .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "must be a relative folder without ..")
  // eslint-disable-next-line no-control-regex
  .refine((path) => !/[\u0000-\u001f\u007f\\]/.test(path), "must not contain control characters or backslashes")
  .refine(
    (path) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(path),
    "is not well-formed text",
  );
