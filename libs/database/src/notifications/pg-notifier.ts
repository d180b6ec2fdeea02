import { EventEmitter, on } from 'node:events';
import { Logger } from '@nestjs/common';
import pg from 'pg';

/** PostgreSQL caps a NOTIFY payload at 8000 bytes: events carry ids, readers fetch the rest. */
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_DELAYS_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * Events for `pg_notify` inside a write's own statement: PostgreSQL sends them when that
 * transaction commits, and never when it rolls back (`SELECT pg_notify(channel, message) FROM
 * unnest(messages)`); every process hears them on its listening connection.
 */
export interface StatementEvents {
  readonly channel: string;
  readonly messages: readonly string[];
}

/**
 * Cross-replica event fan-out through PostgreSQL LISTEN/NOTIFY. Every process holds one dedicated
 * connection that both listens and publishes; `publish` reaches every process, itself included.
 * A write that announces itself can instead notify in its own statement (`inStatement`), which
 * saves a round trip and a transaction per write.
 *
 * Events are published after the change they announce has committed, and are best effort: a
 * subscriber that reconnects re-reads the state it cares about.
 *
 * Events published while the connection is busy are sent together, in order, in one statement
 * (one transaction): PostgreSQL delivers identical events of one transaction once, which changes
 * nothing for subscribers that re-read what an event names.
 */
export class PgNotifier {
  private readonly logger = new Logger(PgNotifier.name);
  private readonly events = new EventEmitter({ captureRejections: false });
  private client: pg.Client | undefined;
  private closed = false;
  private reconnectAttempt = 0;
  /** Events waiting for the connection, with the `publish` calls to answer once they are sent. */
  private outbox: Array<{ topic: string; message: string; sent: () => void }> = [];
  private sending = false;

  constructor(
    private readonly url: string,
    readonly channel = 'guildhall_events',
  ) {
    this.events.setMaxListeners(0);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'guildhall-notifier' });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => this.logger.warn({ err: error }, 'notification connection failed'));
    client.on('end', () => {
      if (!this.closed) void this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    this.client = client;
    this.reconnectAttempt = 0;
  }

  /** Notifies every replica. Never throws for a lost connection: the event is dropped and logged. */
  async publish(topic: string, payload: unknown): Promise<void> {
    const message = encode(topic, payload);
    await new Promise<void>((sent) => {
      this.outbox.push({ topic, message, sent });
      if (!this.sending) void this.send();
    });
  }

  /** Events of `topic` for a write to send in its own statement (see `StatementEvents`). */
  inStatement(topic: string, payloads: readonly unknown[]): StatementEvents {
    return { channel: this.channel, messages: payloads.map((payload) => encode(topic, payload)) };
  }

  /**
   * The events of one topic as an async iterator (what GraphQL subscriptions consume). Calling
   * `return()` — graphql-ws does when a client unsubscribes — removes the listener at once.
   */
  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const inner = on(this.events, topic) as AsyncIterableIterator<[T]>;
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        const result = await inner.next();
        return result.done === true
          ? { done: true, value: undefined }
          : { done: false, value: result.value[0] };
      },
      return: async () => {
        await inner.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  listenerCount(topic: string): number {
    return this.events.listenerCount(topic);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end();
    this.client = undefined;
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.outbox.length > 0) {
      const events = this.outbox.splice(0);
      try {
        if (this.client === undefined) throw new Error('the notification connection is down');
        await this.client.query('SELECT pg_notify($1, message) FROM unnest($2::text[]) AS message', [
          this.channel,
          events.map((event) => event.message),
        ]);
      } catch (error) {
        this.logger.warn({ err: error, topics: events.map((event) => event.topic) }, 'events not published');
      }
      for (const event of events) event.sent();
    }
    this.sending = false;
  }

  private dispatch(raw: string | undefined): void {
    if (raw === undefined) return;
    try {
      const { topic, payload } = JSON.parse(raw) as { topic: unknown; payload: unknown };
      if (typeof topic === 'string') this.events.emit(topic, payload);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed notification');
    }
  }

  private async reconnect(): Promise<void> {
    this.client = undefined;
    while (!this.closed) {
      const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)];
      this.reconnectAttempt += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.closed) return;
      try {
        await this.start();
        this.logger.log('notification connection restored');
        return;
      } catch (error) {
        this.logger.warn(
          { err: error, attempt: this.reconnectAttempt },
          'notification connection still down',
        );
      }
    }
  }
}

function encode(topic: string, payload: unknown): string {
  const message = JSON.stringify({ topic, payload });
  if (Buffer.byteLength(message) > MAX_PAYLOAD_BYTES) {
    throw new Error(
      `event "${topic}" is ${Buffer.byteLength(message)} bytes; NOTIFY payloads must stay under ${MAX_PAYLOAD_BYTES}`,
    );
  }
  return message;
}
