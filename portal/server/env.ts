import "server-only";
import { z } from "zod";

/**
 * Environment of the portal's server side, validated once at start-up.
 * Every server module reads configuration from here, never from process.env directly.
 */
const instanceSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "instance names are letters, digits, - and _"),
  url: z.string().url(),
  authUrl: z.string().url().optional(),
  vo: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Service identity the portal itself uses on this instance (indexer and other reads). */
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
});
export type RucioInstanceConfig = z.infer<typeof instanceSchema>;

const envSchema = z.object({
  /** `file:<path>` (SQLite; relative paths are resolved against the repository root) or `postgresql://...`. */
  DATABASE_URL: z.string().default("file:.local/portal.db"),
  RUCIO_URL: z.string().url().default("http://127.0.0.1:8080"),
  /** JSON list of instances; when absent a single instance "default" at RUCIO_URL is used. */
  RUCIO_INSTANCES: z.string().optional(),
  RUCIO_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Attempts after the first one for transient failures (network errors, 5xx). */
  RUCIO_RETRIES: z.coerce.number().int().min(0).default(3),
  /** First backoff delay; doubles per attempt, with jitter. */
  RUCIO_RETRY_BASE_MS: z.coerce.number().int().min(0).default(250),
  /** Service identity for instances that do not name their own (demo defaults). */
  RUCIO_USERNAME: z.string().min(1).default("root"),
  RUCIO_PASSWORD: z.string().min(1).default("root-secret"),
  RUCIO_ACCOUNT: z.string().min(1).default("root"),
});

function parseInstances(env: z.infer<typeof envSchema>): RucioInstanceConfig[] {
  if (!env.RUCIO_INSTANCES) return [{ name: "default", url: env.RUCIO_URL }];
  const parsed = z.array(instanceSchema).min(1).safeParse(JSON.parse(env.RUCIO_INSTANCES));
  if (!parsed.success) throw new Error(`RUCIO_INSTANCES is invalid: ${parsed.error.message}`);
  return parsed.data;
}

function loadEnv() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.message}`);
  return { ...parsed.data, instances: parseInstances(parsed.data) };
}

export const env = loadEnv();
