import "server-only";

/** Groups a stream into arrays of at most `size` items (the last one may be shorter). */
export async function* inBatches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Promises that resolve when `open()` is next called. */
class Gate {
  private waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  open(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

export interface ConcurrencyOptions<T> {
  /** Items processed at once. */
  concurrency: number;
  /** Items read from the source ahead of the workers. */
  readAhead: number;
  /** Called for every item as it is read (before it is processed). */
  onRead?: (item: T) => void;
  /** Called once the source is exhausted. */
  onSourceEnd?: () => void;
  /** Called at the first failure, e.g. to abort the source's request so the reader stops at once. */
  onFailure?: (error: unknown) => void;
}

/**
 * Runs `work` on every item of `source`, at most `concurrency` at a time, while a reader keeps up to
 * `readAhead` items queued: the slow stage (metadata reads) never waits for the fast one (the listing),
 * and memory stays bounded. Order of completion is not the order of the source. The first failure stops
 * the reader and the workers; it is rethrown once the work in flight has settled.
 */
export async function forEachConcurrently<T>(
  source: AsyncIterable<T>,
  options: ConcurrencyOptions<T>,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  const itemQueued = new Gate();
  const spaceFreed = new Gate();
  let exhausted = false;
  let failure: { error: unknown } | null = null;

  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    options.onFailure?.(error);
    itemQueued.open();
    spaceFreed.open();
  };

  const read = async () => {
    try {
      while (!failure) {
        if (queue.length >= options.readAhead) {
          await spaceFreed.wait();
          continue;
        }
        const next = await iterator.next();
        if (next.done) {
          options.onSourceEnd?.();
          break;
        }
        options.onRead?.(next.value);
        queue.push(next.value);
        itemQueued.open();
      }
    } catch (error) {
      fail(error);
    } finally {
      exhausted = true;
      itemQueued.open();
      if (failure) await iterator.return?.(undefined).catch(() => undefined);
    }
  };

  const runWorker = async () => {
    while (!failure) {
      if (queue.length === 0) {
        if (exhausted) return;
        await itemQueued.wait();
        continue;
      }
      const item = queue.shift() as T;
      spaceFreed.open();
      try {
        await work(item);
      } catch (error) {
        fail(error);
      }
    }
  };

  await Promise.all([read(), ...Array.from({ length: Math.max(1, options.concurrency) }, runWorker)]);
  if (failure) throw (failure as { error: unknown }).error;
}

/** Runs async functions one after another in call order (database writes of concurrent workers). */
export function serialized(): <R>(task: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
