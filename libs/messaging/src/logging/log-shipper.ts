import { NatsConnection } from '@nats-io/transport-node';
import { Subjects } from '@shop/contracts';
import { LogRecord } from '@shop/common';
import { encodeJson } from '../codec';

/**
 * Ships log records to `<prefix>.logs.<service>` in small batches, so one collector can show every
 * instance's log in one place. Fire-and-forget: logging never blocks or fails a request.
 */
export class LogShipper {
  private batch: LogRecord[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly service: string,
    private readonly flushMs = 200,
    private readonly maxBatch = 200,
  ) {}

  readonly sink = (record: LogRecord): void => {
    this.batch.push(record);
    if (this.batch.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  };

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0 || this.nc.isClosed()) return;
    const records = this.batch;
    this.batch = [];
    this.nc.publish(Subjects.logs(this.prefix, this.service), encodeJson(records));
  }
}
