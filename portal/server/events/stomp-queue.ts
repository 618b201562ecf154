import "server-only";
import { Client, ReconnectionTimeMode, type IMessage } from "@stomp/stompjs";
import { TCPWrapper } from "@stomp/tcp-wrapper";

export interface StompQueueOptions {
  /** stomp://user:password@host:port, a path naming the virtual host. */
  url: string;
  /** Where the publisher sends, e.g. /topic/rucio.events.default. */
  destination: string;
  /** The durable queue bound to it: messages wait there while this consumer is away. */
  queue: string;
  /** Messages handed over at most at once, and how long the first of them waits for others. */
  batchSize: number;
  batchWaitMs: number;
  /** Applies a batch; a throw leaves the messages on the queue, redelivered after `retryMs`. */
  handle: (bodies: string[]) => Promise<void>;
  retryMs: number;
  onConnectionChange?: (connected: boolean) => void;
  log: (line: string) => void;
}

/** The queue outlives a consumer away this long (then polling and the sweep have long caught up). */
const QUEUE_EXPIRES_MS = 86_400_000;

/** Acks or nacks; on a connection that has dropped there is nothing to do: the broker redelivers. */
function settle(batch: IMessage[], how: (message: IMessage) => void): void {
  try {
    for (const message of batch) how(message);
  } catch {
    // Not connected any more.
  }
}

/**
 * A durable subscription on a STOMP broker (RabbitMQ's STOMP plugin), read in batches with one
 * acknowledgement per message after its batch was handled: a message is removed only once applied, and
 * a consumer that stops or loses its connection finds the rest waiting. Reconnects with backoff.
 */
export class StompQueue {
  private readonly client: Client;
  private pending: IMessage[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: StompQueueOptions) {
    const url = new URL(options.url);
    const host = url.hostname;
    const port = Number(url.port || 61613);
    const vhost = decodeURIComponent(url.pathname.replace(/^\//, "")) || "/";
    this.client = new Client({
      webSocketFactory: () => new TCPWrapper(host, port),
      connectHeaders: {
        login: decodeURIComponent(url.username),
        passcode: decodeURIComponent(url.password),
        host: vhost,
      },
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      reconnectDelay: 1_000,
      maxReconnectDelay: 30_000,
      reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,
      onConnect: () => this.subscribe(),
      onWebSocketClose: () => this.options.onConnectionChange?.(false),
      onStompError: (frame) => options.log(`broker refused: ${frame.headers.message ?? frame.body}`),
      onWebSocketError: () => undefined,
    });
  }

  start(): void {
    this.client.activate();
  }

  async stop(): Promise<void> {
    clearTimeout(this.flushTimer);
    await this.flushing;
    await this.client.deactivate();
    this.options.onConnectionChange?.(false);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  private subscribe(): void {
    const { destination, queue, batchSize } = this.options;
    this.pending = [];
    this.client.subscribe(destination, (message) => this.receive(message), {
      ack: "client-individual",
      durable: "true",
      "auto-delete": "false",
      "x-queue-name": queue,
      "x-expires": String(QUEUE_EXPIRES_MS),
      "prefetch-count": String(batchSize * 2),
    });
    this.options.log(`following ${destination} (queue ${queue})`);
    this.options.onConnectionChange?.(true);
  }

  private receive(message: IMessage): void {
    this.pending.push(message);
    if (this.pending.length >= this.options.batchSize) this.flushSoon(0);
    else if (!this.flushTimer) this.flushSoon(this.options.batchWaitMs);
  }

  private flushSoon(delayMs: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, this.options.batchSize);
    if (batch.length === 0) return;
    try {
      await this.options.handle(batch.map((message) => message.body));
      settle(batch, (message) => message.ack());
    } catch (error) {
      this.options.log(
        `could not apply ${batch.length} messages (${error instanceof Error ? error.message : String(error)}); retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs));
      settle(batch, (message) => message.nack({ requeue: "true" }));
    }
    if (this.pending.length > 0) this.flushSoon(0);
  }
}
