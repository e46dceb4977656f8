import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { redactData, redactSecrets } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log record, as written to stdout and shipped to the centralized log. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  service: string;
  instanceId: string;
  message: string;
  correlationId?: string;
  context?: string;
  data?: Record<string, unknown>;
}

export type LogSink = (record: LogRecord) => void;

/**
 * JSON logger (pino) for one instance. Every record names service and instance; records at or above
 * `info`, and `debug` records too when the level is `debug` or lower, are also handed to the sinks (the NATS
 * log shipper) so the admin console sees one stream.
 * Credentials (tokens in URLs, bearer headers, anything shaped like a JWT, secret-named fields) are
 * redacted from every record before it is written or shipped.
 */
export class AppLogger implements LoggerService {
  private readonly pino: Pino;
  private readonly sinks: LogSink[] = [];

  constructor(
    readonly service: string,
    readonly instanceId: string,
    level: string = 'info',
  ) {
    this.pino = pino({ level, base: { service, instanceId }, timestamp: pino.stdTimeFunctions.isoTime });
  }

  /** Whether records at this level are written at all (to skip building ones nobody reads). */
  enabled(level: LogLevel): boolean {
    return this.pino.isLevelEnabled(level) || (this.shipped(level) && this.sinks.length > 0);
  }

  /** Debug records reach the centralized log only when this instance logs at debug. */
  private shipped(level: LogLevel): boolean {
    return level !== 'debug' || this.pino.isLevelEnabled('debug');
  }

  addSink(sink: LogSink): void {
    this.sinks.push(sink);
  }

  write(level: LogLevel, text: string, fields: Omit<Partial<LogRecord>, 'level' | 'message'> = {}): void {
    const { correlationId, context } = fields;
    const message = redactSecrets(text);
    const data = fields.data && redactData(fields.data);
    this.pino[level]({ correlationId, context, ...data }, message);
    if (!this.shipped(level) || this.sinks.length === 0) return;
    const record: LogRecord = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      instanceId: this.instanceId,
      message,
      correlationId,
      context,
      data,
    };
    for (const sink of this.sinks) sink(record);
  }

  // Nest LoggerService: (message, ...optionalParams) where the last string param is the context.
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', String(message), { context: lastString(params) });
  }
  error(message: unknown, ...params: unknown[]): void {
    const stack = params.find((p) => typeof p === 'string' && p.includes('\n'));
    this.write('error', String(message), {
      context: lastString(params),
      data: stack ? { stack } : undefined,
    });
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', String(message), { context: lastString(params) });
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', String(message), { context: lastString(params) });
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', String(message), { context: lastString(params) });
  }
}

function lastString(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' && !last.includes('\n') ? last : undefined;
}
