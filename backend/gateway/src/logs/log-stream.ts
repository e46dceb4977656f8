import { NatsConnection, nanos } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  jetstreamManager,
} from '@nats-io/jetstream';
import { Subjects, streamName } from '@shop/contracts';
import { envInt } from '@shop/common';

/**
 * The centralized log: a JetStream stream capturing every instance's `<prefix>.logs.<service>` batches,
 * kept for LOG_RETENTION_HOURS (default 24) or LOG_RETENTION_MESSAGES batches (default 200,000),
 * whichever is reached first; the oldest are dropped. Framework-free so the supervisor can create it
 * before any instance starts logging.
 */
export function logStreamName(prefix: string): string {
  return streamName(prefix, 'logs');
}

export function logStreamConfig(prefix: string): Partial<StreamConfig> & { name: string } {
  return {
    name: logStreamName(prefix),
    subjects: [Subjects.logsAll(prefix)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(envInt('LOG_RETENTION_HOURS', 24) * 3_600_000),
    max_msgs: envInt('LOG_RETENTION_MESSAGES', 200_000),
    max_bytes: envInt('LOG_RETENTION_MB', 512) * 1024 * 1024,
    num_replicas: 1,
  };
}

/** Creates the stream, or brings an existing one to the configured limits. Safe to call from every instance. */
export async function ensureLogStream(nc: NatsConnection, prefix: string): Promise<string> {
  const jsm = await jetstreamManager(nc);
  const config = logStreamConfig(prefix);
  try {
    await jsm.streams.add(config);
  } catch (err) {
    if (!/already in use/i.test(String((err as Error).message))) throw err;
    await jsm.streams.update(config.name, config);
  }
  return config.name;
}
