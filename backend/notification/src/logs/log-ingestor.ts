import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { nanos } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, JsMsg, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Subjects } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { MessagingRuntime, decodeJson, ensureLogStream, logStreamName } from '@shop/messaging';
import { NotificationEnv } from '../config/notification.env';
import { toLogRows } from './log-rows';
import { ServiceLogEntity } from './service-log.entity';

/** Durable name of the log store's consumer of the log stream (shared by every notification instance). */
export const LOG_STORE_CONSUMER = 'notification-log-store';

/** Rows per INSERT statement (11 parameters each, well under PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 2000;

/**
 * Copies the centralized log from its JetStream stream into `service_logs`: a durable pull consumer fetches
 * up to LOG_STORE_BATCH stream messages at a time, their records are inserted together, and the messages are
 * acknowledged after the insert committed. A redelivered message inserts nothing twice (the row key is its
 * stream sequence and index); a failed insert leaves the messages to be redelivered.
 */
@Injectable()
export class LogIngestor implements OnApplicationBootstrap, OnModuleDestroy {
  private stopping = false;
  private loop?: Promise<void>;
  private readonly batch: number;

  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectRepository(ServiceLogEntity) private readonly logs: Repository<ServiceLogEntity>,
    private readonly logger: AppLogger,
    config: ConfigService<NotificationEnv, true>,
  ) {
    this.batch = config.get('LOG_STORE_BATCH', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { nc, options } = this.runtime;
    const stream = logStreamName(options.prefix);
    const jsm = await jetstreamManager(nc);
    // The supervisor and the gateway create the stream with their retention; create it only when missing.
    await jsm.streams.info(stream).catch(() => ensureLogStream(nc, options.prefix));
    await jsm.consumers.info(stream, LOG_STORE_CONSUMER).catch(() =>
      jsm.consumers.add(stream, {
        durable_name: LOG_STORE_CONSUMER,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: Subjects.logsAll(options.prefix),
        ack_wait: nanos(30_000),
        max_ack_pending: 10_000,
      }),
    );
    const consumer = await jetstream(nc).consumers.get(stream, LOG_STORE_CONSUMER);
    this.loop = (async () => {
      while (!this.stopping && !nc.isClosed()) {
        try {
          const messages = await consumer.fetch({ max_messages: this.batch, expires: 1000 });
          const received: JsMsg[] = [];
          for await (const m of messages) received.push(m);
          if (received.length > 0) await this.store(received);
        } catch (err) {
          if (this.stopping) break;
          this.logger.write('warn', `Log store ingestion failed, retrying: ${(err as Error).message}`, {
            context: 'LogStore',
          });
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  private async store(messages: JsMsg[]): Promise<void> {
    const rows = messages.flatMap((m) => toLogRows(m.seq, decodeJson<unknown>(m.data)));
    try {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        await this.logs
          .createQueryBuilder()
          .insert()
          .into(ServiceLogEntity)
          .values(rows.slice(i, i + ROWS_PER_INSERT) as QueryDeepPartialEntity<ServiceLogEntity>[])
          .orIgnore()
          .execute();
      }
    } catch (err) {
      for (const m of messages) m.nak(2000);
      throw err;
    }
    for (const m of messages) m.ack();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }
}
