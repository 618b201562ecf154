import "server-only";

/**
 * Answers of recent searches per process, keyed by their ETag (the query, its page and the catalog's
 * stamp): popular searches are asked again and again, and the same answer is valid until the catalog
 * changes, when the key changes with it. Searches asked while the same one runs wait for it instead of
 * running again. Least recently used answers go first.
 */
export class ResultCache<T> {
  private readonly answers = new Map<string, T>();
  private readonly running = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  /** The cached answer of `key`, the running search's, or a new one from `compute` (a failure is not kept). */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const answer = this.answers.get(key);
    if (answer !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, answer);
      return Promise.resolve(answer);
    }
    const pending = this.running.get(key);
    if (pending) return pending;
    const started = compute().then(
      (value) => {
        this.running.delete(key);
        this.keep(key, value);
        return value;
      },
      (error: unknown) => {
        this.running.delete(key);
        throw error;
      },
    );
    this.running.set(key, started);
    return started;
  }

  get size(): number {
    return this.answers.size;
  }

  private keep(key: string, value: T): void {
    this.answers.set(key, value);
    while (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
  }
}
