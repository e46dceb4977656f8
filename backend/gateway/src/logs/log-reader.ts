import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NatsConnection } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  JetStreamClient,
  JetStreamManager,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { Observable } from 'rxjs';
import { LogEntry, LogFilter, Subjects } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { LogRetention, MessagingRuntime, decodeJson, ensureLogStream, logStreamName } from '@shop/messaging';
import { GatewayEnv } from '../config/gateway.env';
import { logMatcher, toEntries } from './log-filter';

/** Follows the centralized log's JetStream stream: new entries as they arrive, filtered. */
@Injectable()
export class LogReader implements OnModuleInit {
  private readonly nc: NatsConnection;
  private readonly prefix: string;
  private readonly stream: string;
  private readonly js: JetStreamClient;
  private readonly retention: LogRetention;
  private jsm?: JetStreamManager;

  constructor(
    runtime: MessagingRuntime,
    private readonly logger: AppLogger,
    config: ConfigService<GatewayEnv, true>,
  ) {
    this.retention = {
      hours: config.get('LOG_RETENTION_HOURS', { infer: true }),
      messages: config.get('LOG_RETENTION_MESSAGES', { infer: true }),
      megabytes: config.get('LOG_RETENTION_MB', { infer: true }),
    };
    this.nc = runtime.nc;
    this.prefix = runtime.options.prefix;
    this.stream = logStreamName(this.prefix);
    this.js = jetstream(this.nc);
  }

  async onModuleInit(): Promise<void> {
    // `npm start` creates the stream first; in other setups (compose, tests) the gateway does.
    await ensureLogStream(this.nc, this.prefix, this.retention).catch((err: Error) =>
      this.logger.write('warn', `Could not create the log stream: ${err.message}`, { context: 'Logs' }),
    );
  }

  private async manager(): Promise<JetStreamManager> {
    this.jsm ??= await jetstreamManager(this.nc);
    return this.jsm;
  }

  private subjectFor(filter: LogFilter): string {
    return filter.service ? Subjects.logs(this.prefix, filter.service) : Subjects.logsAll(this.prefix);
  }

  /**
   * New entries as they arrive (after `backfill` of the most recent messages), filtered. Each subscriber
   * gets its own ordered consumer, removed when the subscriber goes away.
   */
  follow(filter: LogFilter, backfill = 0): Observable<LogEntry> {
    return new Observable<LogEntry>((subscriber) => {
      const matches = logMatcher(filter);
      let stop: (() => Promise<unknown>) | undefined;
      let closed = false;
      void (async () => {
        const { state } = await (await this.manager()).streams.info(this.stream);
        const fromSeq = Math.max(state.first_seq, state.last_seq - backfill + 1);
        const consumer = await this.js.consumers.get(this.stream, {
          filter_subjects: this.subjectFor(filter),
          ...(backfill > 0 && state.messages > 0
            ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq }
            : { deliver_policy: DeliverPolicy.New }),
        });
        const messages = await consumer.consume({ max_messages: 100 });
        stop = () => messages.close();
        if (closed) return void (await messages.close());
        for await (const msg of messages) {
          for (const entry of toEntries(msg.seq, decodeJson<unknown>(msg.data)))
            if (matches(entry)) subscriber.next(entry);
        }
      })().catch((err: Error) => subscriber.error(err));
      return () => {
        closed = true;
        void stop?.();
      };
    });
  }
}
