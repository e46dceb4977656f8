import { NatsConnection, nanos } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  jetstreamManager,
} from '@nats-io/jetstream';
import { Subjects, streamName } from '@shop/contracts';

/** How much the centralized log keeps (LOG_RETENTION_HOURS, LOG_RETENTION_MESSAGES, LOG_RETENTION_MB). */
export interface LogRetention {
  hours: number;
  messages: number;
  megabytes: number;
}

/** The defaults of the gateway's LOG_RETENTION_* variables. */
export const DEFAULT_LOG_RETENTION: LogRetention = { hours: 24, messages: 200_000, megabytes: 512 };

/**
 * The centralized log: a JetStream stream capturing every instance's `<prefix>.logs.<service>` batches,
 * kept for `retention.hours` or `retention.messages` batches or `retention.megabytes`, whichever is
 * reached first; the oldest are dropped. Framework-free so the supervisor can create it before any
 * instance starts logging.
 */
export function logStreamName(prefix: string): string {
  return streamName(prefix, 'logs');
}

export function logStreamConfig(
  prefix: string,
  retention: LogRetention = DEFAULT_LOG_RETENTION,
): Partial<StreamConfig> & { name: string } {
  return {
    name: logStreamName(prefix),
    subjects: [Subjects.logsAll(prefix)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(retention.hours * 3_600_000),
    max_msgs: retention.messages,
    max_bytes: retention.megabytes * 1024 * 1024,
    num_replicas: 1,
  };
}

/** Creates the stream, or brings an existing one to the configured limits. Safe to call from every instance. */
export async function ensureLogStream(
  nc: NatsConnection,
  prefix: string,
  retention: LogRetention = DEFAULT_LOG_RETENTION,
): Promise<string> {
  const jsm = await jetstreamManager(nc);
  const config = logStreamConfig(prefix, retention);
  try {
    await jsm.streams.add(config);
  } catch (err) {
    if (!/already in use/i.test(String((err as Error).message))) throw err;
    await jsm.streams.update(config.name, config);
  }
  return config.name;
}
