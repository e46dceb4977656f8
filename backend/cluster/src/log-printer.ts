/**
 * Turns the instances' pino JSON lines into one compact, readable line each:
 * `12:00:01.234 inventory-2   INFO [Context] message  cid=1a2b3c4d`. Lines that are not JSON are
 * printed as they are, behind the instance id.
 */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const LEVEL_COLORS: Record<string, number> = { DEBUG: 90, INFO: 32, WARN: 33, ERROR: 31, FATAL: 31 };
const ID_COLORS = [36, 35, 34, 33, 32, 96, 95, 94, 93, 92];
const KNOWN = new Set([
  'level',
  'time',
  'service',
  'instanceId',
  'msg',
  'correlationId',
  'context',
  'pid',
  'hostname',
]);

/** Nest's start-up chatter (one line per module and route, per instance): hidden unless `verbose`. */
const BOOT_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export interface LogPrinterOptions {
  color: boolean;
  raw: boolean;
  /** Also print Nest's module and route start-up lines. */
  verbose?: boolean;
  /** Width the instance id is padded to. */
  idWidth: number;
}

export function colorFor(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return ID_COLORS[hash % ID_COLORS.length];
}

function paint(text: string, code: number, on: boolean): string {
  return on ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function clock(iso: unknown): string {
  const date = typeof iso === 'string' || typeof iso === 'number' ? new Date(iso) : new Date();
  const valid = Number.isNaN(date.getTime()) ? new Date() : date;
  return valid.toISOString().slice(11, 23);
}

/** Extra structured fields, compactly (`key=value`), leaving out long ones and the stack. */
function extras(record: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (KNOWN.has(key) || key === 'stack' || value === undefined || value === null) continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts.push(`${key}=${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
  }
  return parts.join(' ');
}

/** The line to print, or undefined for a record that is hidden (Nest start-up chatter). */
export function formatLine(instanceId: string, line: string, opts: LogPrinterOptions): string | undefined {
  const id = paint(instanceId.padEnd(opts.idWidth), colorFor(instanceId), opts.color);
  if (opts.raw || !line.startsWith('{')) return `${id} ${line}`;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${id} ${line}`;
  }
  if (!opts.verbose && typeof record.context === 'string' && BOOT_CONTEXTS.has(record.context))
    return undefined;
  const level = LEVELS[Number(record.level)] ?? String(record.level ?? 'INFO').toUpperCase();
  const parts = [
    paint(clock(record.time), 90, opts.color),
    id,
    paint(level.padEnd(5), LEVEL_COLORS[level] ?? 0, opts.color),
  ];
  if (typeof record.context === 'string') parts.push(`[${record.context}]`);
  parts.push(String(record.msg ?? ''));
  const more = extras(record);
  if (more) parts.push(paint(more, 90, opts.color));
  if (typeof record.correlationId === 'string')
    parts.push(paint(`cid=${record.correlationId.slice(0, 8)}`, 90, opts.color));
  let out = parts.join(' ');
  if (typeof record.stack === 'string') out += `\n${record.stack.replace(/^/gm, '    ')}`;
  return out;
}

/** Splits a stream's chunks into lines and hands each complete line on. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.rest + chunk.toString();
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) this.onLine(line.replace(/\r$/, ''));
  }

  end(): void {
    if (this.rest.trim()) this.onLine(this.rest);
    this.rest = '';
  }
}
