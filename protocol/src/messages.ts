import { z } from "zod";

/**
 * Version of the portal <-> JupyterLab message set, "major.minor".
 * A minor bump only adds optional fields or new message types; a receiver drops messages whose
 * major differs from its own. Unknown fields are stripped when parsing, so older minors keep working.
 * 1.1: hello carries the session's staging settings; request-stage (extension -> portal).
 * 1.2: sign-in-nonce-request / sign-in-nonce (the embed sign-in's proof that the code is this frame's).
 * 1.3: watch-news (the signed-in user's new matches in watched searches, for the status bar).
 * 1.4: local-check / local-data (what the session's download folder already holds of a dataset).
 */
export const PROTOCOL_VERSION = "1.4";

/** Every message carries this tag so unrelated postMessage traffic on the window is ignored. */
export const PROTOCOL_NAME = "rucio-catalog";

const versionString = z.string().regex(/^\d{1,4}\.\d{1,4}$/);

export const themeSchema = z.enum(["light", "dark"]);
export type Theme = z.infer<typeof themeSchema>;

/** Capabilities a side announces; names of features from newer minors pass through as plain strings. */
export const KNOWN_CAPABILITIES = [
  "insert-datasets",
  "stage-download",
  "stage-rule",
  "notebook-context",
  "progress",
  "request-stage",
  "sign-in-nonce",
  "watch-news",
  "local-data",
] as const;
const capabilitiesSchema = z.array(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/)).max(64);

export const stagingModeSchema = z.enum(["rule", "download"]);
export type StagingMode = z.infer<typeof stagingModeSchema>;

/** Rucio DID types that can be staged or inserted into a notebook. */
export const didTypeSchema = z.enum(["DATASET", "CONTAINER", "FILE"]);
export type DidType = z.infer<typeof didTypeSchema>;

const shortText = z.string().min(1).max(256);

export const datasetRefSchema = z.object({
  /** Name of the Rucio instance the DID lives in, as configured in the portal. */
  instance: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/),
  scope: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  /** No control characters: a name is written into notebook cells and comments. */
  name: z
    .string()
    .min(1)
    .max(500)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]+$/),
  type: didTypeSchema,
  mode: stagingModeSchema.optional(),
  /** Paths inside the Jupyter session where the files are (or will be) readable. */
  localPaths: z.array(z.string().min(1).max(4096)).max(10_000).optional(),
});
export type DatasetRef = z.infer<typeof datasetRefSchema>;

export const stagingStateSchema = z.enum(["pending", "staging", "done", "failed", "cancelled"]);
export type StagingState = z.infer<typeof stagingStateSchema>;

/** The datasets one insert or stage request may carry. */
const datasetBatch = z.array(datasetRefSchema).min(1).max(100);
const count = z.number().int().nonnegative();
const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const httpUrl = z.url({ protocol: /^https?$/ });

const envelope = {
  protocol: z.literal(PROTOCOL_NAME),
  version: versionString,
};

/** The schema of one message type: the envelope, the type tag, then the message's own fields. */
function messageSchemaFor<Type extends string, Fields extends z.ZodRawShape>(type: Type, fields: Fields) {
  return z.object({ ...envelope, type: z.literal(type), ...fields });
}

/** How this Jupyter session receives data, so the portal stages the right way (1.1). */
export const sessionSchema = z.object({
  mode: stagingModeSchema,
  /** The Rucio instance the Jupyter server reaches; null when it accepts any. */
  instance: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
    .nullable(),
  /** RSE mounted in the session (rule mode); null when none is configured. */
  destinationRse: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,255}$/)
    .nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

/** extension -> portal, first message once the iframe has loaded. */
export const helloSchema = messageSchemaFor("hello", {
  capabilities: capabilitiesSchema,
  theme: themeSchema,
  session: sessionSchema.optional(),
});

/** portal -> extension, answer to hello. */
export const readySchema = messageSchemaFor("ready", {
  capabilities: capabilitiesSchema,
});

/** extension -> portal whenever the JupyterLab theme changes. */
export const themeMessageSchema = messageSchemaFor("theme", {
  theme: themeSchema,
});

/** portal -> extension: put these datasets into the active notebook. */
export const insertDatasetsSchema = messageSchemaFor("insert-datasets", {
  datasets: datasetBatch,
});

/**
 * portal -> extension: run a download-mode staging request in the Jupyter server. The token is
 * short-lived and scoped to this one request; the server uses it to report to progressUrl.
 */
export const stageSchema = messageSchemaFor("stage", {
  requestId,
  progressUrl: httpUrl,
  token: z.string().min(16).max(4096),
  dataset: datasetRefSchema,
});

/** Either direction: where a staging request stands. */
export const progressSchema = messageSchemaFor("progress", {
  requestId,
  state: stagingStateSchema,
  filesDone: count,
  filesTotal: count,
  bytesDone: count,
  bytesTotal: count,
  error: shortText.optional(),
}).refine((p) => p.filesDone <= p.filesTotal && p.bytesDone <= p.bytesTotal, {
  message: "done counts cannot exceed totals",
});

/**
 * extension -> portal (1.1, when the portal announced "request-stage"): stage these datasets for this
 * session, e.g. the ones a notebook declares but the session lacks. The portal records a staging
 * request per dataset as if the user had clicked Stage, then answers as for a click: `stage` messages
 * in download mode, `progress` messages in rule mode.
 */
export const requestStageSchema = messageSchemaFor("request-stage", {
  datasets: datasetBatch,
});

/** extension -> portal: the active notebook and the datasets its metadata declares. */
export const notebookContextSchema = messageSchemaFor("notebook-context", {
  /** null when no notebook is active. */
  notebookPath: z.string().max(4096).nullable(),
  datasets: z.array(datasetRefSchema).max(1000),
});

/**
 * A sign-in nonce: 32 random bytes, base64url. The panel makes one per embed sign-in and keeps it in
 * memory; the portal only ever stored its SHA-256, so only the frame the code was made for can redeem it.
 */
export const signInNonceValueSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** portal -> extension (1.2, when the host announced "sign-in-nonce"): /embed/start asks for the nonce. */
export const signInNonceRequestSchema = messageSchemaFor("sign-in-nonce-request", {});

/** extension -> portal (1.2): the nonce of the panel's current sign-in, sent to its own frame only. */
export const signInNonceSchema = messageSchemaFor("sign-in-nonce", {
  nonce: signInNonceValueSchema,
});

/**
 * portal -> extension (1.3, when the host announced "watch-news"): new matches over all the signed-in
 * user's watched searches, sent on connecting and whenever the number changes.
 */
export const watchNewsSchema = messageSchemaFor("watch-news", {
  newCount: count,
});

/**
 * portal -> extension (1.4, when the host announced "local-data"): which files of this dataset does
 * the session's download folder hold already? Answered by one `local-data` with the same requestId.
 */
export const localCheckSchema = messageSchemaFor("local-check", {
  requestId,
  dataset: datasetRefSchema,
});

/** extension -> portal (1.4): what the Jupyter server found, by name and size (and checksum when cheap). */
export const localDataSchema = messageSchemaFor("local-data", {
  requestId,
  state: z.enum(["complete", "partial", "missing", "error"]),
  /** The download folder, as the session names it. */
  folder: z.string().min(1).max(4096),
  filesTotal: count,
  filesPresent: count,
  bytesTotal: count,
  bytesPresent: count,
  checked: z.enum(["size", "checksum"]),
  detail: shortText.optional(),
}).refine((d) => d.filesPresent <= d.filesTotal && d.bytesPresent <= d.bytesTotal, {
  message: "present counts cannot exceed totals",
});

export const messageSchema = z.discriminatedUnion("type", [
  helloSchema,
  readySchema,
  themeMessageSchema,
  insertDatasetsSchema,
  stageSchema,
  progressSchema,
  notebookContextSchema,
  requestStageSchema,
  signInNonceRequestSchema,
  signInNonceSchema,
  watchNewsSchema,
  localCheckSchema,
  localDataSchema,
]);

export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message["type"];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
export type MessageBody<T extends MessageType> = Omit<MessageOf<T>, "protocol" | "version">;

/** What a Jupyter server found of a dataset in its download folder: a `local-data` answer's content. */
export type FolderCheck = Omit<MessageOf<"local-data">, "type" | "protocol" | "version" | "requestId">;
