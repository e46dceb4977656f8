import autocannon from 'autocannon';
import { CpuSource, cpuPerUnit } from './processes';
import { LatencySummary, round, summarize } from './stats';

/** Result of one load run: completed-request rate, latencies of successful requests, and failures. */
export interface LoadResult {
  label: string;
  connections: number;
  durationS: number;
  ok: number;
  failed: number;
  /** Successful requests per second over the whole run. */
  rps: number;
  latency: LatencySummary;
  /** Status codes (or error names) of failed requests with their counts. */
  failures: Record<string, number>;
  /** CPU milliseconds per successful request, by process, when measured. */
  cpuMsPerRequest?: Record<string, number | null>;
}

export interface HttpLoadOptions {
  label: string;
  url: string;
  connections: number;
  durationS: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request to vary it (path, headers, body). */
  setupRequest?: (req: autocannon.AutocannonRequest) => autocannon.AutocannonRequest;
}

/**
 * Runs autocannon against one URL. Latencies are recorded per response from autocannon's events in
 * floating-point milliseconds (its own histogram keeps whole milliseconds), successful responses only.
 */
export function httpLoad(opts: HttpLoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.durationS,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        body: opts.body,
        timeout: 10,
        requests: opts.setupRequest ? [{ setupRequest: opts.setupRequest }] : undefined,
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = result.duration || opts.durationS;
        const failed = result.non2xx + result.errors;
        if (result.timeouts > 0) failures.timeout = result.timeouts;
        if (result.errors > result.timeouts) failures.error = result.errors - result.timeouts;
        resolve({
          label: opts.label,
          connections: opts.connections,
          durationS: round(seconds, 1),
          ok: latencies.length,
          failed,
          rps: round(latencies.length / seconds, 0),
          latency: summarize(latencies),
          failures,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
      else failures[String(statusCode)] = (failures[String(statusCode)] ?? 0) + 1;
    });
  });
}

export interface ClosedLoopOptions {
  label: string;
  /** Callers running at once, each starting its next call when the previous one finishes. */
  concurrency: number;
  durationS: number;
  /** One operation; resolves when it succeeded, throws (with a short message) when it failed. */
  operation: (worker: number, seq: number) => Promise<void>;
}

/** Runs `operation` from `concurrency` loops for `durationS` and measures each call end to end. */
export async function closedLoop(opts: ClosedLoopOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const until = started + opts.durationS * 1000;
  let seq = 0;
  const worker = async (id: number) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await opts.operation(id, seq++);
        latencies.push(performance.now() - t0);
      } catch (err) {
        const key = (err as Error).message.slice(0, 80);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => worker(i)));
  const seconds = (performance.now() - started) / 1000;
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    label: opts.label,
    connections: opts.concurrency,
    durationS: round(seconds, 1),
    ok: latencies.length,
    failed,
    rps: round(latencies.length / seconds, 0),
    latency: summarize(latencies),
    failures,
  };
}

/**
 * Runs a load and attaches the CPU each source spent per successful request, plus the whole machine's
 * (`machine`), which also holds what no listed process accounts for.
 */
export async function withCpu(
  sources: Record<string, CpuSource>,
  run: () => Promise<LoadResult>,
): Promise<LoadResult> {
  const { result, cpuMsPerUnit } = await cpuPerUnit({ ...sources, machine: 'machine' }, run, (r) => r.ok);
  return { ...result, cpuMsPerRequest: cpuMsPerUnit };
}
