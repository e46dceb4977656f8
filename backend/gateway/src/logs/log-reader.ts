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
import { LogEntry, LogFilter, LogPage, LogQuery, Subjects } from '@shop/contracts';
import { AppLogger } from '@shop/common';
import { MessagingRuntime, decodeJson } from '@shop/messaging';
import { logMatcher, toEntries } from './log-filter';
import { GatewayEnv } from '../config/gateway.env';
import { LogRetention, ensureLogStream, logStreamName } from './log-stream';

/** Messages read per step when scanning back through the stream. */
const WINDOW = 500;
/** At most this many messages are read for one query, and for at most this long. */
const MAX_SCAN = 20_000;
const SCAN_BUDGET_MS = 3000;

/**
 * Reads the centralized log from its JetStream stream: `query` scans back from the newest message
 * (or from `before`) in windows until it has `limit` matching entries; `follow` streams new entries.
 */
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

  async query(query: LogQuery): Promise<LogPage> {
    const limit = query.limit ?? 200;
    const before = parseCursor(query.before);
    const jsm = await this.manager();
    const { state } = await jsm.streams.info(this.stream);
    const page: LogPage = {
      entries: [],
      scannedMessages: 0,
      firstSeq: state.first_seq,
      lastSeq: state.last_seq,
    };
    if (state.messages === 0) return page;
    let end = Math.min(state.last_seq, before?.seq ?? Number.MAX_SAFE_INTEGER);
    if (query.service) {
      // The newest message of that service bounds the scan, so no read waits for a message that never comes.
      const last = await jsm.streams
        .getMessage(this.stream, { last_by_subj: this.subjectFor(query) })
        .catch(() => null);
      if (!last) return page;
      end = Math.min(end, last.seq);
    }
    const matches = logMatcher(query);
    const olderThanCursor = (e: LogEntry) =>
      !before || e.seq < before.seq || Number(e.id.split('-')[1]) < before.index;
    const deadline = Date.now() + SCAN_BUDGET_MS;
    while (end >= state.first_seq && page.scannedMessages < MAX_SCAN && Date.now() < deadline) {
      const start = Math.max(state.first_seq, end - WINDOW + 1);
      const batches = await this.readRange(start, end, this.subjectFor(query));
      page.scannedMessages += end - start + 1;
      for (let i = batches.length - 1; i >= 0; i--) {
        const found = batches[i].filter((e) => olderThanCursor(e) && matches(e)).reverse();
        page.entries.push(...found.slice(0, limit - page.entries.length));
        if (page.entries.length === limit) {
          page.nextBefore = page.entries[limit - 1].id;
          return page;
        }
      }
      end = start - 1;
    }
    // Stopped by the scan budget before the beginning of the log: continue from where the scan ended.
    if (end >= state.first_seq) page.nextBefore = `${end + 1}-0`;
    return page;
  }

  /** The entries of the messages with sequence start..end (for one subject filter), oldest first. */
  private async readRange(start: number, end: number, subject: string): Promise<LogEntry[][]> {
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: start,
    });
    const out: LogEntry[][] = [];
    const messages = await consumer.fetch({ max_messages: end - start + 1, expires: 2000 });
    for await (const msg of messages) {
      if (msg.seq > end) break;
      const entries = toEntries(msg.seq, decodeJson<unknown>(msg.data));
      if (entries.length) out.push(entries);
      if (msg.seq === end || msg.info.pending === 0) break;
    }
    await messages.close().catch(() => undefined);
    return out;
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

/** `before` cursors are entry ids, `<seq>-<index>`: entries strictly older than that one. */
function parseCursor(cursor: string | undefined): { seq: number; index: number } | undefined {
  if (!cursor) return undefined;
  const [seq, index] = cursor.split('-').map(Number);
  return { seq, index: index ?? 0 };
}
