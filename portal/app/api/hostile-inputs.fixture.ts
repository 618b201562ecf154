/**
 * Hostile inputs for the API routes, the sign-in form and the query parser (hostile-input.int.test.ts).
 * `:id` in a path stands for a real download-mode staging request of jdoe's; `as: "executor"` sends
 * that request's progress token, `as: "jdoe"` jdoe's session cookie.
 */
export const DEMO = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };

export interface HostileRequest {
  label: string;
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  as?: "jdoe" | "executor";
  headers?: Record<string, string>;
  body?: unknown;
  /** The status, or the statuses that are right. */
  status?: number | number[];
  /** A search or listing that must find nothing. */
  found?: "nothing";
}

const MB = 1024 * 1024;
const q = (value: string) => `/api/search?${new URLSearchParams({ q: value })}`;
const did = (scope: string, name: string, tail = "") =>
  `/api/datasets/${encodeURIComponent(scope)}/${encodeURIComponent(name)}${tail}`;
const demo = (tail: string) => did(DEMO.scope, DEMO.name, tail);
const stage = (label: string, body: unknown, status = 400): HostileRequest => ({
  label,
  method: "POST",
  path: "/api/stagings",
  as: "jdoe",
  body,
  status,
});
const report = (label: string, body: unknown, status = 400): HostileRequest => ({
  label,
  method: "PATCH",
  path: "/api/stagings/:id/progress",
  as: "executor",
  body,
  status,
});
const watch = (label: string, body: unknown): HostileRequest => ({
  label,
  method: "POST",
  path: "/api/watches",
  as: "jdoe",
  body,
  status: 400,
});
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

export const HOSTILE_REQUESTS: HostileRequest[] = [
  // Search: SQL and full-text syntax is text, and finds nothing.
  { label: "search: SQL tautology", path: q("x' OR '1'='1"), status: 200, found: "nothing" },
  { label: "search: SQL statement", path: q('zz"; DROP TABLE "Did"; --'), status: 400 },
  { label: "search: UNION SELECT", path: q("' UNION SELECT id, name FROM User --"), status: 200, found: "nothing" },
  { label: "search: FTS5 operators", path: q("NEAR(zz qq) AND OR NOT ^zz"), status: 200, found: "nothing" },
  { label: "search: FTS5 column filter", path: q("searchText:zz {name}:qq"), status: 400 },
  { label: "search: tsquery operators", path: q("zz & !qq | (ww <-> vv)"), status: 200, found: "nothing" },
  { label: "search: LIKE wildcards in a name", path: q("name:%_%\\"), status: 200, found: "nothing" },
  { label: "search: name pattern of 900 stars", path: q(`name:${"*".repeat(900)}`), status: 200 },
  { label: "search: path traversal in a name", path: q("name:../../etc/passwd"), status: 200, found: "nothing" },
  { label: "search: lone wildcard", path: q("*"), status: 400 },
  { label: "search: unclosed quote", path: q('DAOD "physics'), status: 400 },
  { label: "search: 1 MB query", path: q("a ".repeat(MB / 2)), status: 400 },
  { label: "search: 1 MB sort", path: `/api/search?sort=${"x".repeat(MB)}`, status: 400 },
  { label: "search: 33 terms", path: q(Array.from({ length: 33 }, (_, i) => `t${i}`).join(" ")), status: 400 },
  { label: "search: huge run number", path: q("run:99999999999999999999"), status: 400 },
  { label: "search: negative run number", path: q("run:-1"), status: 400 },
  { label: "search: exponent size", path: q("size>1e400"), status: 400 },
  { label: "search: NaN and Infinity", path: q("events>NaN files<Infinity"), status: 400 },
  { label: "search: impossible date", path: q("created>=0000-00-00"), status: 400 },
  { label: "search: date before 1970", path: q("created:1969-12-31"), status: 400 },
  { label: "search: NUL byte", path: q("DAOD\u0000PHYS"), status: 400 },
  { label: "search: lone surrogate (arrives as U+FFFD)", path: "/api/search?q=%ED%A0%80DAOD", status: 200 },
  { label: "search: right-to-left override", path: q("\u202eSYHP_DOAD"), status: 200 },
  { label: "search: zero-width characters", path: q("DAOD\u200b_PHYS\u200d\ufeff"), status: 200 },
  { label: "search: emoji", path: q("🔥 👩‍🔬"), status: 200 },
  { label: "search: negative limit", path: "/api/search?limit=-1", status: 400 },
  { label: "search: huge limit", path: "/api/search?limit=1e308", status: 400 },
  { label: "search: fractional limit", path: "/api/search?limit=1.5", status: 400 },
  {
    label: "search: forged cursor",
    path: `/api/search?cursor=${Buffer.from('{"__proto__":{"admin":true}}').toString("base64url")}`,
    status: 400,
  },
  { label: "search: 2 KB cursor", path: `/api/search?cursor=${"A".repeat(2049)}`, status: 400 },
  { label: "search: instance traversal", path: "/api/search?instance=../default", status: 400 },
  {
    label: "search: unknown and prototype parameters",
    path: "/api/search?__proto__[admin]=1&constructor=x&evil=1",
    status: 200,
  },

  // Dataset pages' API: names are passed on to Rucio, encoded, never as path segments.
  // ('.' and '..' as whole segments never reach a route: URLs resolve them first. Unit-tested instead.)
  { label: "dataset: traversal in the scope", path: did("../../accounts", "root"), status: 400 },
  { label: "dataset: a name of three dots", path: did(DEMO.scope, "..."), status: 404 },
  { label: "dataset files: traversal in the name", path: did(DEMO.scope, "../../../rules", "/files"), status: 400 },
  {
    label: "dataset rules: query and fragment characters in the name",
    path: did(DEMO.scope, "x?account=root#y", "/rules"),
    status: [200, 404],
  },
  {
    label: "dataset contents: backslash traversal",
    path: did(DEMO.scope, "..\\..\\x", "/contents"),
    status: [200, 404],
  },
  { label: "dataset: encoded traversal in the name", path: did(DEMO.scope, "../../etc/passwd"), status: 400 },
  {
    label: "dataset replicas: traversal to another endpoint",
    path: did(DEMO.scope, "../../accounts/root", "/replicas"),
    status: 400,
  },
  {
    label: "dataset file sizes: traversal to another endpoint",
    path: did(DEMO.scope, "../../accounts/root", "/file-sizes"),
    status: 400,
  },
  { label: "dataset file sizes: instance traversal", path: demo("/file-sizes?instance=../default"), status: 400 },
  { label: "staging plan: not signed in", path: demo("/plan"), status: 401 },
  { label: "local files: not signed in", path: demo("/local-files"), status: 401 },
  {
    label: "local files: traversal to another endpoint",
    path: did(DEMO.scope, "../../accounts/root", "/local-files"),
    as: "jdoe",
    status: 400,
  },
  { label: "local files: instance traversal", path: demo("/local-files?instance=../default"), as: "jdoe", status: 400 },
  { label: "staging plan: unknown mode", path: demo("/plan?mode=TELEPORT"), as: "jdoe", status: 400 },
  {
    label: "staging plan: absolute download folder",
    path: demo("/plan?mode=DOWNLOAD&destination=%2Fetc"),
    as: "jdoe",
    status: 400,
  },
  { label: "staging plan: a destination for rule mode", path: demo("/plan?destination=x"), as: "jdoe", status: 400 },
  {
    label: "staging plan: traversal in the name",
    path: did(DEMO.scope, "../../accounts/root", "/plan"),
    as: "jdoe",
    status: 400,
  },
  { label: "dataset: NUL byte in the name", path: `/api/datasets/${DEMO.scope}/a%00b`, status: 400 },
  { label: "dataset: 1 MB name", path: did(DEMO.scope, "n".repeat(MB)), status: 400 },
  { label: "dataset: unicode scope", path: did("dätä18", "x"), status: 400 },
  { label: "dataset: SQL in the name", path: did(DEMO.scope, "x'OR'1'='1'--"), status: 404 },
  { label: "dataset: right-to-left and zero-width name", path: did(DEMO.scope, "\u202ex\u200b"), status: 400 },
  { label: "dataset: emoji name", path: did(DEMO.scope, "data18_🔥"), status: 400 },
  { label: "dataset: instance traversal", path: `${demo("")}?instance=../../admin`, status: 400 },
  { label: "dataset files: negative limit", path: demo("/files?limit=-5"), status: 400 },
  { label: "dataset files: huge limit", path: demo("/files?limit=99999999999"), status: 400 },
  {
    label: "dataset files: forged cursor",
    path: demo(`/files?cursor=${Buffer.from("o:-1").toString("base64url")}`),
    status: 400,
  },
  {
    label: "dataset contents: 10-digit cursor",
    path: demo(`/contents?cursor=${Buffer.from("o:9999999999").toString("base64url")}`),
    status: 400,
  },

  // Staging: validated before Rucio is asked; nothing is recorded.
  stage("stage: unknown field", { ...DEMO, admin: true }),
  stage("stage: __proto__ key", `{"scope":"${DEMO.scope}","name":"${DEMO.name}","__proto__":{"mode":"DOWNLOAD"}}`),
  stage("stage: constructor.prototype key", { ...DEMO, constructor: { prototype: { admin: true } } }),
  stage("stage: scope of the wrong type", { scope: 18, name: DEMO.name }),
  stage("stage: name as an array", { scope: DEMO.scope, name: [DEMO.name] }),
  stage("stage: mode in the wrong case", { ...DEMO, mode: "download" }),
  stage("stage: body is an array", [DEMO]),
  stage("stage: body is null", "null"),
  stage("stage: body is a number", "-1e400"),
  stage("stage: deeply nested JSON", `{"scope":${nested(10_000)},"name":"x"}`),
  stage("stage: not JSON", "{scope:"),
  stage("stage: 1 MB name", { scope: DEMO.scope, name: "n".repeat(MB) }, 413),
  stage("stage: NUL byte in the name", { scope: DEMO.scope, name: "a\u0000b" }),
  stage("stage: lone surrogate in the name", `{"scope":"${DEMO.scope}","name":"a\\ud800b"}`),
  stage("stage: '..' as the scope", { scope: "..", name: "accounts" }),
  stage("stage: '..' as the name", { scope: DEMO.scope, name: ".." }),
  stage("stage: download to an absolute path", { ...DEMO, mode: "DOWNLOAD", destination: "/etc" }),
  stage("stage: download climbing out", { ...DEMO, mode: "DOWNLOAD", destination: "rucio-data/../../.ssh" }),
  stage("stage: download with backslashes", { ...DEMO, mode: "DOWNLOAD", destination: "..\\..\\Windows" }),
  stage("stage: download to a NUL path", { ...DEMO, mode: "DOWNLOAD", destination: "data\u0000.txt" }),
  stage("stage: destination in rule mode", { ...DEMO, destination: "SWAN-MOUNT|REMOTE-POSIX" }),
  stage("stage: instance traversal", { ...DEMO, instance: "../default" }),
  {
    label: "stage: form post",
    method: "POST",
    path: "/api/stagings",
    as: "jdoe",
    body: `scope=${DEMO.scope}&name=x`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
  },
  {
    label: "stage: JSON look-alike content type",
    method: "POST",
    path: "/api/stagings",
    as: "jdoe",
    body: JSON.stringify(DEMO),
    headers: { "content-type": "application/jsonp" },
    status: 415,
  },
  {
    label: "stage: 5 MB body",
    method: "POST",
    path: "/api/stagings",
    as: "jdoe",
    body: JSON.stringify({ ...DEMO, padding: "x".repeat(5 * MB) }),
    status: 413,
  },
  { label: "stagings: negative limit", path: "/api/stagings?limit=-1", as: "jdoe", status: 400 },
  { label: "stagings: huge limit", path: "/api/stagings?limit=1e9", as: "jdoe", status: 400 },
  { label: "stagings: state injection", path: "/api/stagings?state=OK'--", as: "jdoe", status: 400 },
  {
    label: "stagings: SQL in the text filter",
    path: `/api/stagings?${new URLSearchParams({ q: "%' OR 1=1 --" })}`,
    as: "jdoe",
    status: 200,
    found: "nothing",
  },
  { label: "stagings: NUL in the text filter", path: "/api/stagings?q=a%00b", as: "jdoe", status: 400 },
  { label: "stagings: 1 MB text filter", path: `/api/stagings?q=${"x".repeat(MB)}`, as: "jdoe", status: 400 },
  {
    label: "stagings: cursor that names no request",
    path: "/api/stagings?after=cnosuchrequest0000000000000",
    as: "jdoe",
  },
  { label: "staging: traversal as the id", path: "/api/stagings/..%2F..%2Fstagings", as: "jdoe", status: 400 },
  { label: "staging: NUL in the id", path: "/api/stagings/abc%00def", as: "jdoe", status: 400 },
  { label: "staging: 1 MB id", path: `/api/stagings/${"c".repeat(MB)}`, as: "jdoe", status: 400 },
  {
    label: "staging cancel: unknown id",
    method: "DELETE",
    path: "/api/stagings/cnosuchrequest0000000000000",
    as: "jdoe",
    status: 404,
  },
  {
    label: "staging files: unknown id",
    path: "/api/stagings/cnosuchrequest0000000000000/files",
    as: "jdoe",
    status: 404,
  },

  // Watched searches: nothing malformed is saved, nobody else's watch is found.
  watch("watch: query with a syntax error", { name: "x", query: 'DAOD "unclosed' }),
  watch("watch: SQL as the query", { name: "x", query: '"; DROP TABLE "Watch"; --' }),
  watch("watch: empty name", { name: "  ", query: "DAOD_PHYS" }),
  watch("watch: 1 KB name", { name: "n".repeat(1024), query: "DAOD_PHYS" }),
  watch("watch: control characters in the name", { name: "a\u0007b", query: "DAOD_PHYS" }),
  watch("watch: sort injection", { name: "x", query: "DAOD_PHYS", sort: "name; DROP" }),
  watch("watch: auto-stage by download", { name: "x", query: "DAOD_PHYS", autoStage: { mode: "DOWNLOAD" } }),
  watch("watch: auto-stage without limit", {
    name: "x",
    query: "DAOD_PHYS",
    autoStage: { mode: "RULE", limitPerRun: 1e9 },
  }),
  watch("watch: unknown field", { name: "x", query: "DAOD_PHYS", userId: "someone-else" }),
  watch("watch: __proto__ body", JSON.parse('{"__proto__":{"name":"x"},"query":"DAOD_PHYS"}')),
  { label: "watches: list", path: "/api/watches", as: "jdoe", status: 200 },
  { label: "watches: summary with junk", path: "/api/watches/summary?newCount=9", as: "jdoe", status: 200 },
  { label: "watch: traversal as the id", path: "/api/watches/..%2F..%2Fstagings", as: "jdoe", status: 400 },
  { label: "watch: unknown id", path: "/api/watches/cnosuchwatch0000000000000000", as: "jdoe", status: 404 },
  {
    label: "watch: rename an unknown one",
    method: "PATCH",
    path: "/api/watches/cnosuchwatch0000000000000000",
    as: "jdoe",
    body: { name: "mine" },
    status: 404,
  },
  {
    label: "watch: viewed false",
    method: "PATCH",
    path: "/api/watches/cnosuchwatch0000000000000000",
    as: "jdoe",
    body: { viewed: false },
    status: 400,
  },
  {
    label: "watch: delete an unknown one",
    method: "DELETE",
    path: "/api/watches/cnosuchwatch0000000000000000",
    as: "jdoe",
    status: 404,
  },
  {
    label: "watch feed: of an unknown watch",
    method: "POST",
    path: "/api/watches/cnosuchwatch0000000000000000/feed",
    as: "jdoe",
    status: 404,
  },
  { label: "watches: signed out", method: "POST", path: "/api/watches", body: { name: "x", query: "x" }, status: 401 },

  // Progress reports from the download executor: the token is right, the report is not.
  report("progress: negative counts", { filesDone: -1, bytesDone: 0 }),
  report("progress: fractional files", { filesDone: 0.5, bytesDone: 0 }),
  report("progress: files beyond a safe integer", { filesDone: 2 ** 60, bytesDone: 0 }),
  report("progress: bytes beyond 64 bits", {
    state: "pending",
    filesDone: 0,
    bytesDone: 0,
    bytesTotal: "99999999999999999999",
  }),
  report("progress: bytes as a float string", { filesDone: 0, bytesDone: "1e3" }),
  report("progress: bytes as an object", { filesDone: 0, bytesDone: { valueOf: 1 } }),
  report("progress: the portal's state names", { state: "OK", filesDone: 0, bytesDone: 0 }),
  report("progress: unknown field", { filesDone: 0, bytesDone: 0, state: "pending", ruleId: "x" }),
  report("progress: __proto__ key", '{"filesDone":0,"bytesDone":0,"__proto__":{"state":"done"}}'),
  report("progress: NUL in the error text", { state: "failed", filesDone: 0, bytesDone: 0, error: "disk\u0000full" }),
  report("progress: 3 KB error text", { state: "failed", filesDone: 0, bytesDone: 0, error: "e".repeat(3000) }),
  {
    label: "progress: 1 MB bearer token",
    method: "PATCH",
    path: "/api/stagings/:id/progress",
    headers: { authorization: `Bearer stgp_${"A".repeat(MB)}` },
    body: { filesDone: 0, bytesDone: 0 },
    status: 401,
  },
  {
    label: "progress: token in the query string",
    method: "PATCH",
    path: "/api/stagings/:id/progress?token=stgp_x",
    body: { filesDone: 0, bytesDone: 0 },
    status: 401,
  },

  // Routes without input still shrug off what they are sent.
  { label: "health: 1 MB query string", path: `/api/health?x=${"y".repeat(MB)}`, status: 200 },
  {
    label: "instances: prototype parameters",
    path: "/api/instances?__proto__=1&constructor[prototype]=2",
    status: 200,
  },
];

export interface HostileSignIn {
  label: string;
  credentials: unknown;
  message: RegExp;
}

export const HOSTILE_SIGN_INS: HostileSignIn[] = [
  {
    label: "1 MB username",
    credentials: { username: "u".repeat(MB), password: "x" },
    message: /username is longer than 255/,
  },
  {
    label: "header injection in the username",
    credentials: { username: "jdoe\r\nX-Rucio-Account: root", password: "x" },
    message: /username contains characters/,
  },
  {
    label: "NUL byte in the password",
    credentials: { username: "jdoe", password: "jdoe-secret\u0000" },
    message: /password contains characters/,
  },
  {
    label: "emoji username",
    credentials: { username: "jdoe🔥", password: "x" },
    message: /username contains characters/,
  },
  {
    label: "lone surrogate in the account",
    credentials: { username: "jdoe", password: "x", account: "\ud800" },
    message: /account contains characters/,
  },
  {
    label: "username of the wrong type",
    credentials: { username: ["jdoe"], password: "x" },
    message: /expected string/i,
  },
  { label: "no credentials at all", credentials: undefined, message: /expected string|Enter your Rucio username/i },
  {
    label: "username only via __proto__",
    credentials: JSON.parse('{"__proto__":{"username":"jdoe"},"password":"jdoe-secret"}'),
    message: /expected string|Enter your Rucio username/i,
  },
  {
    label: "instance traversal",
    credentials: { username: "jdoe", password: "x", instance: "../default" },
    message: /Unknown Rucio instance/,
  },
  {
    label: "SQL in the username",
    credentials: { username: "' OR '1'='1' --", password: "' OR '1'='1' --" },
    message: /^Rucio refused the sign-in/,
  },
];

/** Straight into the parser: each is read or refused with a position, never anything else. */
export const HOSTILE_QUERIES: string[] = [
  "(".repeat(900),
  '"'.repeat(999),
  "-".repeat(999),
  '-"" -* -name: -run:..',
  'name:"" run:.. size:..10GB created:2020..',
  "run:1..2..3 size>=>=1 events<<5",
  "\u0000\u0001\u001f\u007f",
  "\ud800\udfff\udbff",
  "\u202e\u200b\u200d\ufeff\u2028\u2029",
  "🔥* 👩‍🔬:x",
  "a".repeat(1001),
  "x ".repeat(500),
  "constructor:x __proto__:y toString:z",
  "type:../../etc instance:'; DROP TABLE x",
];
