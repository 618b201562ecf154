import "server-only";
import { z } from "zod";
import { META_KEY } from "@/lib/catalog/query";

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
  /** Metadata plugin the indexer reads on this instance; CATALOG_INDEX_META_PLUGIN when absent. */
  metaPlugin: z.string().min(1).optional(),
  /** Metadata keys of this instance shown as facets besides the built-in ones (e.g. era, data_tier). */
  facets: z
    .array(z.string().regex(META_KEY, "facet keys are metadata keys: 1 to 64 letters, digits, _ and -"))
    .max(8)
    .optional(),
  /**
   * Rucio's event stream for this instance: hermes publishing to a STOMP broker. `url` is
   * stomp://user:password@host:port (a path names the virtual host); the portal keeps a durable queue
   * per catalog database bound to `destination`.
   */
  events: z
    .object({
      url: z.string().regex(/^stomp:\/\//, "the event stream's url starts with stomp://"),
      destination: z.string().min(1),
      queue: z.string().min(1).optional(),
    })
    .optional(),
});
export type RucioInstanceConfig = z.infer<typeof instanceSchema>;

const envSchema = z.object({
  /**
   * What this portal is: anything but "production" accepts the demo's defaults (service identity,
   * development secret, localhost frame ancestors). `next start` always sets NODE_ENV=production, so the
   * project's demo and test scripts name themselves here; production refuses to start on those defaults.
   */
  // `next dev` (NODE_ENV=development) is a developer's machine; anything else is production unless told.
  PORTAL_DEPLOYMENT: z
    .enum(["production", "demo", "test", "development"])
    .default(process.env.NODE_ENV === "development" ? "development" : "production"),
  /** Proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, comma- or space-separated. */
  PORTAL_TRUSTED_PROXIES: z.string().default(""),
  /** Origins allowed to frame the portal (parsed by server/security-headers); required in production. */
  PORTAL_FRAME_ANCESTORS: z.string().optional(),
  /**
   * The JupyterLab URL an "Open in JupyterLab" link starts from: the demo's `http://127.0.0.1:8888/lab`,
   * or a hub's `https://hub.example/hub/user-redirect/lab` (each colleague lands in their own server).
   * Unset: the Share control offers the portal link only.
   */
  PORTAL_JUPYTERLAB_LINK: z
    .union([z.literal(""), z.string().regex(/^https?:\/\/[^\s]+$/, "PORTAL_JUPYTERLAB_LINK is an http or https URL")])
    .optional(),
  /** `file:<path>` (SQLite; relative paths are resolved against the repository root) or `postgresql://...`. */
  DATABASE_URL: z.string().default("file:.local/portal.db"),
  RUCIO_URL: z.string().url().default("http://127.0.0.1:8080"),
  /** JSON list of instances; when absent a single instance "default" at RUCIO_URL is used. */
  RUCIO_INSTANCES: z.string().optional(),
  /** The default instance's event stream (when RUCIO_INSTANCES is absent): stomp://user:password@host:port. */
  RUCIO_EVENTS_URL: z.string().optional(),
  RUCIO_EVENTS_DESTINATION: z.string().min(1).default("/topic/rucio.events.default"),
  /** "false" keeps this process from reading the event streams (another process of the deployment does). */
  RUCIO_EVENTS_ENABLED: z.enum(["true", "false"]).default("true"),
  RUCIO_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Attempts after the first one for transient failures (network errors, 5xx). */
  RUCIO_RETRIES: z.coerce.number().int().min(0).default(3),
  /** First backoff delay; doubles per attempt, with jitter. */
  RUCIO_RETRY_BASE_MS: z.coerce.number().int().min(0).default(250),
  /** Per client address: live Rucio reads (dataset files, replicas, rules…) and embed code requests a minute. */
  RATE_LIMIT_LIVE_RUCIO_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_EMBED_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Service identity for instances that do not name their own (demo defaults). */
  RUCIO_USERNAME: z.string().min(1).default("root"),
  RUCIO_PASSWORD: z.string().min(1).default("root-secret"),
  RUCIO_ACCOUNT: z.string().min(1).default("root"),

  // Sign-in (portal/server/auth). NEXTAUTH_SECRET is required in production (checked where it is used,
  // so that `next build` does not need it); it signs the session cookie and derives the key that
  // encrypts stored Rucio tokens.
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET needs at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Sign-in sessions end this long after signing in. */
  AUTH_SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 3600),
  /** Searches run at once per portal process (others wait their turn); default 2 on SQLite, 8 on PostgreSQL. */
  SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Searches that may wait for a turn; more are answered 503 at once. */
  SEARCH_QUEUE_LIMIT: z.coerce.number().int().min(0).default(1000),
  /** Answers of recent searches kept per process (until the catalog changes); 0 keeps none. */
  SEARCH_RESULT_CACHE_SIZE: z.coerce.number().int().min(0).default(1000),
  /** A search running longer ends with 503 (PostgreSQL cancels its statement; SQLite starts no next one). */
  SEARCH_DEADLINE_MS: z.coerce.number().int().min(1).default(10_000),
  /** "true": catalog pages and APIs need a signed-in user too (staging always does). */
  AUTH_REQUIRE_SIGNIN_FOR_CATALOG: z.enum(["true", "false"]).default("false"),
  /** Generic OpenID Connect provider as a second way in; enabled when issuer and client id are set. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
  /** The ID-token claim that names the user for OIDC_RUCIO_ACCOUNTS. */
  OIDC_ACCOUNT_CLAIM: z.string().min(1).default("sub"),
  /** JSON: claim value -> Rucio account (every instance) or { instance: account }. Unmapped users cannot stage. */
  OIDC_RUCIO_ACCOUNTS: z.string().default("{}"),

  // Staging (portal/server/staging).
  STAGING_DEFAULT_MODE: z.enum(["RULE", "DOWNLOAD"]).default("RULE"),
  /** RSE expression rules are created for: the storage mounted in the users' sessions. */
  STAGING_RSE_EXPRESSION: z.string().min(1).default("SWAN-MOUNT"),
  STAGING_RULE_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 86400),
  STAGING_RULE_GROUPING: z.enum(["ALL", "DATASET", "NONE"]).default("DATASET"),
  /** Folder (in the user's session) download mode writes to; the executor resolves it. */
  STAGING_DOWNLOAD_FOLDER: z.string().min(1).default("rucio-data"),
  /** JSON list [{ rse, path, pathBeginsAt? }]: where an RSE's files appear in the sessions' file system. */
  STAGING_MOUNTS: z.string().default("[]"),
  STAGING_PROGRESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  /** "false" keeps this portal process from tracking rules (another replica or the tracker CLI does it). */
  STAGING_TRACKER_ENABLED: z.enum(["true", "false"]).default("true"),
  STAGING_TRACKER_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  STAGING_TRACKER_MAX_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  STAGING_TRACKER_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
  /**
   * With Rucio's event stream connected, rules move on their messages; this is the poll between them (for
   * progress Rucio does not announce, and for a message lost).
   */
  STAGING_TRACKER_EVENT_FALLBACK_MS: z.coerce.number().int().min(1_000).default(300_000),

  // Catalog indexer (portal/server/catalog/indexer).
  /** Seconds between scheduled indexing runs inside the portal; 0 turns the schedule off. */
  CATALOG_INDEX_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(0),
  /** Hours between full sweeps (re-read every DID, reconcile deletions); runs in between read only new DIDs. */
  CATALOG_FULL_SWEEP_HOURS: z.coerce.number().positive().default(24),
  /** Rucio metadata requests the indexer keeps in flight. */
  CATALOG_INDEX_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** Count files and bytes of open collections (Rucio keeps no counters for them): one bulk file listing per batch. */
  CATALOG_INDEX_COUNT_OPEN: z.enum(["true", "false"]).default("true"),
  /** Rucio metadata plugin to index: DID_COLUMN (the DID table's columns) or ALL (adds free-form JSON metadata). */
  CATALOG_INDEX_META_PLUGIN: z.string().min(1).default("DID_COLUMN"),
});

function parseInstances(env: z.infer<typeof envSchema>): RucioInstanceConfig[] {
  if (!env.RUCIO_INSTANCES) {
    const events = env.RUCIO_EVENTS_URL
      ? { url: env.RUCIO_EVENTS_URL, destination: env.RUCIO_EVENTS_DESTINATION }
      : undefined;
    return [instanceSchema.parse({ name: "default", url: env.RUCIO_URL, events })];
  }
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
