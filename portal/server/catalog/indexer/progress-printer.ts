import "server-only";
import { formatProgress, type ScopeProgress } from "./progress";

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CLEAR_LINE = "\r\u001b[2K";
const FINAL_PHASES = new Set<ScopeProgress["phase"]>(["done", "failed", "skipped"]);

/**
 * Shows scope progress on a terminal as one line redrawn in place with a bar (at most 10 times a
 * second); elsewhere (CI logs, pipes) as plain lines: when a scope starts, every `plainEveryMs`, and when it ends.
 */
export class ProgressPrinter {
  private lastDraw = 0;
  private lastScope = "";
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly clock: () => number = Date.now,
    private readonly plainEveryMs = 5_000,
  ) {}

  update(progress: ScopeProgress): void {
    const scope = `${progress.instance}/${progress.scope}`;
    const final = FINAL_PHASES.has(progress.phase);
    const now = this.clock();
    const isNewScope = scope !== this.lastScope;
    this.lastScope = scope;
    if (this.out.isTTY) {
      if (!final && !isNewScope && now - this.lastDraw < 100) return;
      const width = Math.max(40, (this.out.columns ?? 100) - 1);
      const line = formatProgress(progress, { barWidth: final ? 0 : 24 }).slice(0, final ? undefined : width);
      this.out.write(`${CLEAR_LINE}${line}${final ? "\n" : ""}`);
      this.drawn = !final;
    } else {
      if (!final && !isNewScope && now - this.lastDraw < this.plainEveryMs) return;
      this.out.write(`${formatProgress(progress)}\n`);
    }
    this.lastDraw = now;
  }

  /** Ends a half-drawn terminal line before other output (e.g. an error message). */
  interrupt(): void {
    if (this.out.isTTY && this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}
