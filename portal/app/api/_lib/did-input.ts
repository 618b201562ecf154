import "server-only";
import { z } from "zod";
import { listInstanceNames } from "@/server/rucio";

/**
 * DID scopes and names as the API accepts them, before anything reaches Rucio. Every Rucio schema
 * (generic, ATLAS, CMS, Belle II) spells them in printable ASCII; names of other experiments may hold
 * '/', each part starting with a letter or digit. "." and ".." are refused as a scope, a name or a
 * part of one: inside a Rucio URL they are path segments that climb to another endpoint (URLs resolve
 * them however they are encoded, and a proxy that decodes %2F would too).
 */
const notDotSegment = (value: string) => value !== "." && value !== "..";
const noDotSegments = (name: string) => name.split("/").every(notDotSegment);

export const scopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "scope must be 1-64 letters, digits, '.', '_' or '-'")
  .refine(notDotSegment, "scope cannot be '.' or '..'");

export const nameSchema = z
  .string()
  .min(1, "name must not be empty")
  .max(500, "name is longer than 500 characters")
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "name contains control characters")
  .regex(/^[\x21-\x7e]+$/, "name may hold printable ASCII characters only, as Rucio's DID names do")
  .refine(noDotSegments, "name cannot be '.' or '..' nor have them between slashes");

export const instanceSchema = z
  .string()
  .max(64, "instance must be one of the configured Rucio instances")
  .refine((name) => listInstanceNames().includes(name), "instance must be one of the configured Rucio instances");
