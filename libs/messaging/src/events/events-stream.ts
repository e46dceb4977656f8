import { NatsConnection, nanos } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { Subjects, streamName } from '@shop/contracts';

/** How long JetStream remembers a message id to drop a re-published duplicate. */
export const EVENT_DEDUP_WINDOW_MS = 10 * 60_000;

/** Name of the stream that stores every durable domain event of a cluster (`<PREFIX>_EVENTS`). */
export function eventsStreamName(prefix: string): string {
  return streamName(prefix, 'events');
}

/**
 * Creates the events stream when it does not exist yet (every publisher and consumer calls this; it is
 * idempotent): file storage, all `<prefix>.evt.>` subjects, a de-duplication window on the message id.
 */
export async function ensureEventsStream(nc: NatsConnection, prefix: string): Promise<string> {
  const jsm = await jetstreamManager(nc);
  const name = eventsStreamName(prefix);
  try {
    await jsm.streams.info(name);
  } catch {
    try {
      await jsm.streams.add({
        name,
        subjects: [Subjects.eventsAll(prefix)],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: nanos(7 * 24 * 3600_000),
        duplicate_window: nanos(EVENT_DEDUP_WINDOW_MS),
      });
    } catch (err) {
      // Another instance created it a moment ago.
      if (!/already in use|exists/i.test(String((err as Error).message))) throw err;
    }
  }
  return name;
}
