/** The part of autocannon's programmatic API the benchmark uses (the package ships no typings). */
declare module 'autocannon' {
  import { EventEmitter } from 'node:events';

  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: AutocannonRequest[];
    }

    interface Stat {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p99: number;
    }

    interface AutocannonResult {
      duration: number;
      requests: Stat & { total: number; sent: number };
      latency: Stat;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      '4xx': number;
      '5xx': number;
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    opts: autocannon.AutocannonOptions,
    cb: (err: Error | null, result: autocannon.AutocannonResult) => void,
  ): autocannon.Instance;

  export = autocannon;
}
