import { Injectable } from '@nestjs/common';
import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { ClientLogReport, Subjects } from '@shop/contracts';
import { LogRecord, redactData, redactSecrets } from '@shop/common';
import { MessagingRuntime, encodeJson } from '@shop/messaging';

/** Who sent a report: kept with each record, so an operator can tell clients apart. */
export interface ClientLogOrigin {
  clientAddress: string;
  userId?: string;
}

/**
 * The web apps' own error reports, as records of the centralized log: redacted like every instance's records,
 * published to `<prefix>.logs.<app>` and acknowledged by the log stream before the request is answered, so an
 * accepted report is in the log (and flows on to the log store).
 */
@Injectable()
export class ClientLogPublisher {
  private readonly js: JetStreamClient;

  constructor(private readonly runtime: MessagingRuntime) {
    this.js = jetstream(runtime.nc);
  }

  async publish(report: ClientLogReport, origin: ClientLogOrigin, now = new Date()): Promise<number> {
    const records = toClientRecords(report, origin, now);
    await this.js.publish(Subjects.logs(this.runtime.options.prefix, report.app), encodeJson(records));
    return records.length;
  }
}

/** The log records of one report (pure: unit-tested). */
export function toClientRecords(report: ClientLogReport, origin: ClientLogOrigin, now: Date): LogRecord[] {
  return report.records.map((r) => ({
    time: r.time ?? now.toISOString(),
    level: r.level,
    service: report.app,
    instanceId: report.app,
    message: redactSecrets(r.message),
    ...(r.correlationId ? { correlationId: r.correlationId } : {}),
    context: 'Browser',
    data: redactData({
      ...(r.stack ? { stack: r.stack } : {}),
      ...(r.url ? { url: r.url } : {}),
      client: origin.clientAddress,
      ...(origin.userId ? { userId: origin.userId } : {}),
    }),
  }));
}
