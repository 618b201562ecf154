import type { TrackerConfig } from "../../portal/server/staging/config";
import { fmt, Latencies } from "../search/stats";
import { kindOf, polledRule, type RucioCall } from "./rucio-access-log";

/** One pass of the tracker: when (performance.now), how long, CPU it used, requests it polled. */
export interface TickSample {
  at: number;
  wallMs: number;
  cpuMs: number;
  polled: number;
}

interface Row {
  id: string;
  scope: string;
  name: string;
  state: string;
  ruleId: string | null;
  filesDone: number;
  filesTotal: number | null;
}

export interface TrackerLoadRun {
  requests: number;
  files: number;
  settings: TrackerConfig;
  created: { ids: string[]; unconfirmed: string[]; latencies: Latencies; seconds: number };
  ticks: TickSample[];
  /** Rucio's access log while the tracker ran. */
  calls: RucioCall[];
  rows: Row[];
  okEvents: { requestId: string }[];
  /** Requests not OK although Rucio has their rule, or not finished at all. */
  wronglyUnfinished: string[];
  /** Seconds from Rucio's rule OK (its updated_at) to the request's OK, for a sample of requests. */
  lags: number[];
  unfinishedSeries: { at: number; unfinished: number }[];
  trackingStarted: number;
  trackingSeconds: number;
  machine: string;
  totalSeconds: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
function latencies(values: number[]): Latencies {
  const collected = new Latencies();
  for (const value of values) collected.add(value);
  return collected;
}

/** Problems that make the run fail: anything lost, doubled or not finished. */
function integrityProblems(run: TrackerLoadRun): string[] {
  const problems: string[] = [];
  const distinct = (key: (row: Row) => string) => new Set(run.rows.map(key)).size;
  if (run.rows.length !== run.requests)
    problems.push(`${run.rows.length} requests in the database, ${run.requests} created`);
  if (distinct((row) => `${row.scope}:${row.name}`) !== run.rows.length)
    problems.push("a dataset has more than one request");
  const withRule = run.rows.filter((row) => row.ruleId !== null);
  if (new Set(withRule.map((row) => row.ruleId)).size !== withRule.length) problems.push("requests share a rule");
  if (run.wronglyUnfinished.length)
    problems.push(`not in their true final state: ${run.wronglyUnfinished.slice(0, 5).join("; ")}`);
  const short = run.rows.filter(
    (row) => row.state === "OK" && (row.filesDone !== run.files || row.filesTotal !== run.files),
  );
  if (short.length) problems.push(`${short.length} OK requests do not count ${run.files}/${run.files} files`);
  const okCounts = new Map<string, number>();
  for (const event of run.okEvents) okCounts.set(event.requestId, (okCounts.get(event.requestId) ?? 0) + 1);
  const twice = [...okCounts.values()].filter((count) => count > 1).length;
  if (twice) problems.push(`${twice} requests recorded "→ OK" more than once`);
  return problems;
}

/** Per minute of tracking: requests still unfinished at its start, polls, Rucio calls, work per poll. */
function minuteTable(run: TrackerLoadRun): string[] {
  const startedAtMs = Date.now() - (performance.now() - run.trackingStarted);
  const minutes = Math.ceil(run.trackingSeconds / 60);
  const lines = [
    "| minute | unfinished at start | polls | Rucio calls | wall ms / poll | CPU ms / poll |",
    "|---:|---:|---:|---:|---:|---:|",
  ];
  for (let minute = 0; minute < minutes; minute++) {
    const from = run.trackingStarted + minute * 60_000;
    const ticks = run.ticks.filter((tick) => tick.at >= from && tick.at < from + 60_000);
    const polls = sum(ticks.map((tick) => tick.polled));
    const calls = run.calls.filter(
      (call) => call.at >= startedAtMs + minute * 60_000 && call.at < startedAtMs + (minute + 1) * 60_000,
    ).length;
    const unfinished = run.unfinishedSeries.find((sample) => sample.at >= from)?.unfinished ?? 0;
    const perPoll = (ms: number) => (polls ? fmt(ms / polls) : "-");
    lines.push(
      `| ${minute + 1} | ${unfinished} | ${polls} | ${calls} | ${perPoll(sum(ticks.map((t) => t.wallMs)))} | ${perPoll(sum(ticks.map((t) => t.cpuMs)))} |`,
    );
  }
  return lines;
}

/** Seconds between two GET /rules/{id} of the same rule. */
function pollGaps(calls: RucioCall[]): number[] {
  const last = new Map<string, number>();
  const gaps: number[] = [];
  for (const call of calls) {
    const rule = polledRule(call);
    if (!rule) continue;
    const previous = last.get(rule);
    if (previous !== undefined) gaps.push((call.at - previous) / 1000);
    last.set(rule, call.at);
  }
  return gaps;
}

export function trackingReport(run: TrackerLoadRun): { markdown: string; problems: string[] } {
  const problems = integrityProblems(run);
  const polls = sum(run.ticks.map((tick) => tick.polled));
  const busy = run.ticks.filter((tick) => tick.polled > 0);
  const kinds = new Map<string, number>();
  for (const call of run.calls) kinds.set(kindOf(call), (kinds.get(kindOf(call)) ?? 0) + 1);
  const failedCalls = run.calls.filter((call) => call.status >= 400).length;
  const perMinute = run.calls.length / Math.max(run.trackingSeconds / 60, 1 / 60);
  const gaps = latencies(pollGaps(run.calls));
  const lag = latencies(run.lags);
  const created = run.created.latencies.summary();
  const largestPass = Math.max(0, ...run.ticks.map((tick) => tick.polled));
  const { intervalMs, maxIntervalMs, leaseMs } = run.settings;
  const markdown = [
    `## Staging tracker under load: ${run.requests.toLocaleString("en")} rule-mode requests (${run.files} files each)`,
    "",
    `Machine: ${run.machine}. Tracker settings: interval ${intervalMs} ms, max interval ${maxIntervalMs} ms, lease ${leaseMs} ms (the defaults).`,
    "",
    `- Created through \`POST /api/stagings\` (production portal): ${run.created.seconds.toFixed(0)} s, ` +
      `${(run.requests / run.created.seconds).toFixed(1)} requests/s, POST p50 ${fmt(created.p50)} ms, p99 ${fmt(created.p99)} ms; ` +
      `${run.created.ids.length} × 201, ${run.created.unconfirmed.length} × 502 "Rucio did not answer…" (recorded; the tracker looks for their rules after the grace period).`,
    `- ${run.rows.filter((row) => row.state === "OK").length} requests OK, ${run.rows.filter((row) => row.state === "FAILED").length} FAILED after ${run.trackingSeconds.toFixed(0)} s of tracking; ${run.ticks.length} passes, ${polls} polls ` +
      `(${(polls / run.requests).toFixed(1)} per request), at most ${largestPass} requests in one pass.`,
    `- Tracker work per request per poll: ${fmt(sum(busy.map((t) => t.wallMs)) / Math.max(polls, 1))} ms wall clock (Rucio's answers included), ` +
      `${fmt(sum(busy.map((t) => t.cpuMs)) / Math.max(polls, 1))} ms CPU.`,
    `- Rucio calls: ${run.calls.length} in ${(run.trackingSeconds / 60).toFixed(1)} min = ${perMinute.toFixed(0)} per minute ` +
      `(${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(", ")}; ${failedCalls} answered ≥ 400).`,
    `- Time between two polls of the same request: p50 ${fmt(gaps.percentile(50))} s, max ${fmt(gaps.percentile(100))} s; ` +
      `from Rucio's OK to the request's OK (sample of ${run.lags.length}): p50 ${fmt(lag.percentile(50))} s, max ${fmt(lag.percentile(100))} s.`,
    "",
    ...minuteTable(run),
    "",
    problems.length
      ? `**Problems:** ${problems.join("; ")}.`
      : `Integrity: ${run.rows.length} requests, one per dataset, none sharing a rule; every OK one with ${run.files}/${run.files} files and one "→ OK" event; ` +
        "every other one FAILED, and Rucio has no rule for it.",
    "",
    `Whole run ${run.totalSeconds.toFixed(0)} s.`,
  ].join("\n");
  return { markdown, problems };
}
