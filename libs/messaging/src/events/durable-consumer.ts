import { NatsConnection, nanos } from '@nats-io/transport-node';
import { AckPolicy, ConsumerMessages, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { DomainEventEnvelope, EventHeader, Subjects } from '@shop/contracts';
import { decodeJson } from '../codec';
import { ensureEventsStream } from './events-stream';

export type DomainEventHandler = (event: DomainEventEnvelope) => Promise<void>;

export interface DurableConsumerOptions {
  /** Durable name: the stream remembers this consumer's position while it is down. */
  durable: string;
  /** Event types to handle; others are acknowledged and skipped. Empty: all. */
  types?: readonly string[];
  /** How long a message may stay unacknowledged before redelivery. */
  ackWaitMs?: number;
  /**
   * Delay before a failed message is redelivered the first time; it doubles with every further failed delivery
   * of that message, up to `maxRetryDelayMs` (so a downstream outage is retried, not hammered).
   */
  retryDelayMs?: number;
  /** Longest delay between redeliveries of a failing message (default 60 s). */
  maxRetryDelayMs?: number;
  onError?: (err: Error, event: DomainEventEnvelope) => void;
}

/**
 * A durable pull consumer of the events stream. Every instance of a service uses the same durable name, so
 * they share the work; a message is acknowledged only after the handler succeeded, otherwise redelivered.
 * Handlers must be idempotent (delivery is at-least-once): record the envelope id as processed.
 */
export class DurableEventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly options: DurableConsumerOptions,
  ) {}

  async start(handler: DomainEventHandler): Promise<void> {
    const stream = await ensureEventsStream(this.nc, this.prefix);
    const jsm = await jetstreamManager(this.nc);
    const durable = this.options.durable;
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: Subjects.eventsAll(this.prefix),
        ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
        max_ack_pending: 1000,
      });
    }
    const consumer = await jetstream(this.nc).consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 100 });
    const wanted = this.options.types?.length ? new Set(this.options.types) : undefined;
    const messages = this.messages;
    this.loop = (async () => {
      for await (const m of messages) {
        // The publisher names the type in a header: other types are skipped without decoding the body.
        const type = m.headers?.get(EventHeader.Type);
        if (wanted && type && !wanted.has(type)) {
          m.ack();
          continue;
        }
        const event = decodeJson<DomainEventEnvelope>(m.data);
        if (wanted && !wanted.has(event.type)) {
          m.ack();
          continue;
        }
        try {
          await handler(event);
          m.ack();
        } catch (err) {
          this.options.onError?.(err as Error, event);
          m.nak(this.retryDelay(m.info.deliveryCount));
        }
      }
    })();
  }

  /** Delay before the next delivery of a message that failed on its `deliveries`-th delivery. */
  retryDelay(deliveries: number): number {
    const base = this.options.retryDelayMs ?? 1000;
    const max = Math.max(base, this.options.maxRetryDelayMs ?? 60_000);
    return Math.min(max, base * 2 ** Math.min(20, Math.max(0, deliveries - 1)));
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }
}
