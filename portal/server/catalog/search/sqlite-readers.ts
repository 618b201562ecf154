import "server-only";
import { Worker } from "node:worker_threads";
import type { Rows } from "./statements";

/** A search statement that ran past its deadline in a reader thread. */
export class ReaderDeadlineError extends Error {
  constructor() {
    super("the statement ran past the search's deadline");
    this.name = "ReaderDeadlineError";
  }
}

export interface SqliteReaderOptions {
  /** The catalog's SQLite file. */
  file: string;
  /** Reader threads, each with its own read-only connection: statements that run at once. */
  threads: number;
  mmapBytes: number;
  cacheKib: number;
  /** How long a reader waits for the indexer's write lock (WAL readers rarely do). */
  busyTimeoutMs: number;
}

/**
 * A reader thread: its own read-only connection to the catalog, prepared statements kept by their text.
 * Written as a self-contained function and started from its source, so that no bundler has to find a
 * worker file (nor rewrites its imports: modules come from process.getBuiltinModule); better-sqlite3 is
 * resolved from the portal's working directory, as the server's own is.
 */
function readerThread(): void {
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
  const { createRequire } = process.getBuiltinModule("node:module");
  const Database = createRequire(`${process.cwd()}/`)("better-sqlite3");
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
  db.pragma(`mmap_size = ${workerData.mmapBytes}`);
  db.pragma(`cache_size = -${workerData.cacheKib}`);
  const prepared = new Map();
  parentPort!.on("message", (message: { id: number; text: string; params: unknown[] }) => {
    try {
      let statement = prepared.get(message.text);
      if (!statement) {
        statement = db.prepare(message.text);
        prepared.set(message.text, statement);
        if (prepared.size > 1000) prepared.delete(prepared.keys().next().value);
      }
      parentPort!.postMessage({ id: message.id, rows: statement.all(...message.params) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

interface Job {
  id: number;
  text: string;
  params: unknown[];
  deadline: number | null;
  resolve: (rows: Rows) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  /** Replaced: whatever it still says or does is ignored. */
  retired?: boolean;
}

/** SQLite takes numbers, text, blobs and null: booleans become 1/0, as Prisma's adapter sends them. */
const sqliteValue = (value: unknown) => (typeof value === "boolean" ? Number(value) : value);

/**
 * Search statements on SQLite in reader threads: better-sqlite3 runs a statement synchronously, so on the
 * portal's own thread one slow search held every other request, cached answers and refusals included. Here
 * the event loop stays free, statements run on every core, and one past its deadline is given up at the
 * deadline: its thread is terminated (it dies when SQLite returns control, at the latest at the statement's
 * end) and a new one takes its place.
 */
export class SqliteReaders {
  private readonly readers: Reader[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;
  /** Threads that failed in a row without a single answer in between (not deadlines). */
  private failuresInARow = 0;
  /** Set when new threads keep failing (the file is gone, the driver cannot load): searches fail with it. */
  private broken: Error | null = null;

  constructor(private readonly options: SqliteReaderOptions) {
    for (let index = 0; index < options.threads; index++) this.readers.push(this.startReader());
  }

  run(text: string, params: unknown[], deadline: number | null): Promise<Rows> {
    return new Promise<Rows>((resolve, reject) => {
      if (this.broken) return reject(this.broken);
      this.waiting.push({ id: this.nextId++, text, params: params.map(sqliteValue), deadline, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error("the catalog readers were closed"));
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
  }

  private startReader(): Reader {
    const { file, mmapBytes, cacheKib, busyTimeoutMs } = this.options;
    const worker = new Worker(`(${readerThread.toString()})()`, {
      eval: true,
      workerData: { file, mmapBytes, cacheKib, busyTimeoutMs },
    });
    worker.unref();
    const reader: Reader = { worker, job: null };
    worker.on("message", (message: { id: number; rows?: Rows; error?: string }) => {
      const job = reader.job;
      if (reader.retired || !job || job.id !== message.id) return;
      this.failuresInARow = 0;
      this.finish(reader);
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.rows ?? []);
    });
    worker.on("error", (error) => this.replace(reader, error));
    worker.on("exit", (code) => this.replace(reader, new Error(`a catalog reader thread exited (${code})`)));
    return reader;
  }

  private dispatch(): void {
    for (const reader of this.readers) {
      if (reader.job) continue;
      const job = this.waiting.shift();
      if (!job) return;
      const left = job.deadline === null ? null : job.deadline - performance.now();
      if (left !== null && left <= 0) {
        job.reject(new ReaderDeadlineError());
        continue;
      }
      reader.job = job;
      if (left !== null) reader.timer = setTimeout(() => this.replace(reader, new ReaderDeadlineError()), left);
      reader.worker.postMessage({ id: job.id, text: job.text, params: job.params });
    }
  }

  private finish(reader: Reader): void {
    clearTimeout(reader.timer);
    reader.job = null;
    queueMicrotask(() => this.dispatch());
  }

  /** Gives up the reader's statement (deadline, or the thread failed) and puts a new reader in its place. */
  private replace(reader: Reader, error: Error): void {
    if (reader.retired || this.closed) return;
    reader.retired = true;
    const job = reader.job;
    clearTimeout(reader.timer);
    void reader.worker.terminate();
    job?.reject(error);
    // Three threads failing in a row would fail a fourth: stop starting them (each start would fail at
    // once, again and again) and answer every search with the reason.
    if (!(error instanceof ReaderDeadlineError) && ++this.failuresInARow >= 3) {
      this.broken = new Error(`the catalog's reader threads keep failing: ${error.message}`, { cause: error });
      for (const waiting of this.waiting.splice(0)) waiting.reject(this.broken);
      return;
    }
    const index = this.readers.indexOf(reader);
    if (index >= 0) this.readers[index] = this.startReader();
    this.dispatch();
  }
}
