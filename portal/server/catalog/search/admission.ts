/**
 * First come, first served admission for searches. A search runs several queries one after the other;
 * letting every waiting request start at once interleaves them all, so each takes as long as the whole
 * crowd (and some wait past any timeout). Admitting a few at a time in arrival order keeps the same
 * throughput and makes the wait proportional to the queue ahead.
 */
export class CatalogBusyError extends Error {
  constructor(message = "The catalog is busy right now: try again in a few seconds") {
    super(message);
    this.name = "CatalogBusyError";
  }
}

export class Admission {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= this.maxQueued) throw new CatalogBusyError();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next(); // the slot passes on directly: `running` stays the same
      else this.running--;
    }
  }
}
