import { z } from "zod";

/**
 * DID scopes and names as every part of the product accepts them, before anything reaches Rucio. Every
 * Rucio schema (generic, ATLAS, CMS, Belle II) spells them in printable ASCII; names of other experiments
 * may hold '/'. "." and ".." are refused as a scope, a name or a part of one: inside a Rucio URL they are
 * path segments that climb to another endpoint (URLs resolve them however they are encoded, and a proxy
 * that decodes %2F would too). The Python server extension checks the same vectors
 * (protocol/test-vectors/did-refs.json).
 */
export const MAX_SCOPE_LENGTH = 64;
export const MAX_NAME_LENGTH = 500;

const isDotSegment = (value: string) => value === "." || value === "..";

export const didScopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "scope must be 1-64 letters, digits, '.', '_' or '-'")
  .refine((scope) => !isDotSegment(scope), "scope cannot be '.' or '..'");

export const didNameSchema = z
  .string()
  .min(1, "name must not be empty")
  .max(MAX_NAME_LENGTH, `name is longer than ${MAX_NAME_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "name contains control characters")
  .regex(/^[\x21-\x7e]+$/, "name may hold printable ASCII characters only, as Rucio's DID names do")
  .refine((name) => !name.split("/").some(isDotSegment), "name cannot be '.' or '..' nor have them between slashes");

/** Why a scope or name is refused, or null when it is a DID part Rucio could hold. */
export function didRefusal(scope: string, name: string): string | null {
  const parsed = z.object({ scope: didScopeSchema, name: didNameSchema }).safeParse({ scope, name });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid DID");
}
