import { NatsConnection, headers } from '@nats-io/transport-node';
import { JetStreamClient, jetstream } from '@nats-io/jetstream';
import { DomainEventEnvelope, EventHeader, Subjects } from '@shop/contracts';
import { encodeJson } from '../codec';

/**
 * Publishes domain events to JetStream and resolves once the stream has stored them. The envelope id is the
 * JetStream message id, so a re-publish of the same outbox row inside the de-duplication window is dropped.
 */
export class EventPublisher {
  private readonly js: JetStreamClient;

  constructor(
    nc: NatsConnection,
    private readonly prefix: string,
    private readonly source: string,
  ) {
    this.js = jetstream(nc);
  }

  async publish(event: { id: string; type: string; payload: unknown; createdAt: Date }): Promise<void> {
    const envelope: DomainEventEnvelope = {
      id: event.id,
      type: event.type,
      source: this.source,
      occurredAt: new Date(event.createdAt).toISOString(),
      payload: event.payload,
    };
    const h = headers();
    h.set(EventHeader.Type, event.type);
    h.set(EventHeader.Source, this.source);
    const correlationId = (event.payload as { correlationId?: unknown } | null)?.correlationId;
    if (typeof correlationId === 'string') h.set(EventHeader.CorrelationId, correlationId);
    await this.js.publish(Subjects.event(this.prefix, event.type), encodeJson(envelope), {
      msgID: event.id,
      headers: h,
      timeout: 5000,
    });
  }
}
