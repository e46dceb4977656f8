/**
 * The envelope every durable domain event travels in (JetStream subject `<prefix>.evt.<type>`).
 * `id` is the outbox row id: JetStream de-duplicates on it, consumers record it as processed.
 */
export interface DomainEventEnvelope<P = unknown> {
  id: string;
  type: string;
  /** The service whose outbox held the event. */
  source: string;
  occurredAt: string;
  payload: P;
}

/** Header names of published domain events. */
export const EventHeader = {
  Type: 'x-event-type',
  Source: 'x-event-source',
  CorrelationId: 'x-correlation-id',
} as const;
