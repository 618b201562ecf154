import "server-only";

/**
 * First come, first served admission for searches, each started in its own event-loop turn.
 *
 * SQLite's driver is synchronous, so a search that starts in the microtasks of the socket read that
 * brought it runs to its end inside that read: one I/O poll then serves every ready request back to
 * back (seconds under load) and accepts almost no new connection meanwhile, so late clients wait past
 * any timeout. Started from a timer, each search runs between two polls, and the waiting requests
 * queue here in arrival order: the wait is proportional to the queue ahead. A search whose client
 * went away before its turn is dropped instead of run.
 */
export class CatalogBusyError extends Error {
  constructor(message = "The catalog is busy right now: try again in a few seconds") {
    super(message);
    this.name = "CatalogBusyError";
  }
}

export class SearchAbandonedError extends Error {
  constructor() {
    super("The client went away before its search started");
    this.name = "SearchAbandonedError";
  }
}

type Job = { start: () => void; signal?: AbortSignal; abandon: () => void };

export class Admission {
  private running = 0;
  private readonly queue: Job[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.queue.length >= this.maxQueued) return Promise.reject(new CatalogBusyError());
    return new Promise<T>((resolve, reject) => {
      // The slot is handed on before the caller hears back, so the next search is already scheduled.
      const settle =
        <A>(answer: (value: A) => void) =>
        (value: A) => {
          this.running--;
          this.pump();
          answer(value);
        };
      const start = () => void work().then(settle(resolve), settle(reject));
      this.queue.push({ start, signal, abandon: () => reject(new SearchAbandonedError()) });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.abandon();
        continue;
      }
      this.running++;
      // Not setImmediate: Next.js replaces it with a version that may run before the next I/O poll.
      setTimeout(job.start, 0);
    }
  }
}
