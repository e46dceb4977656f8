import { Agent, IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * A small JSON client over node:http with keep-alive connections. The checkout scenario drives its load
 * with it, so it stays lean: the load generator shares the machine's cores with the system it measures, and
 * fetch (undici) spends far more CPU per request than a bare node:http client.
 */
export class Api {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly base: URL;

  constructor(readonly baseUrl: string) {
    this.base = new URL(baseUrl);
  }

  call<T = unknown>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T; headers: IncomingHttpHeaders }> {
    const payload = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
    const headers: OutgoingHttpHeaders = {
      ...(payload !== undefined
        ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
        : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    };
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like `call`, but throws with the answer when the status is not 2xx. */
  async ok<T = unknown>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.call<T>(method, path, opts);
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return res.body;
  }

  /** False when the gateway has no such route (Nest's "Cannot GET /path" 404), true otherwise. */
  async routeExists(method: string, path: string, token?: string): Promise<boolean> {
    const res = await this.call(method, path, { token, body: method === 'GET' ? undefined : {} });
    return !(res.status === 404 && /Cannot (GET|POST|PUT|PATCH|DELETE)/.test(JSON.stringify(res.body)));
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.ok<{ accessToken: string }>('POST', '/api/auth/login', {
      body: { email, password },
    });
    return res.accessToken;
  }

  /** Registers `count` fresh shoppers (a few at a time) and returns their tokens and user ids. */
  async registerShoppers(count: number, label: string): Promise<{ token: string; userId: string }[]> {
    const out: { token: string; userId: string }[] = [];
    const run = randomBytes(3).toString('hex');
    for (let i = 0; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        this.ok<{ accessToken: string }>('POST', '/api/auth/register', {
          body: { email: `bench-${label}-${run}-${i + j}@bench.local`, password: 'Bench-Passw0rd!' },
        }),
      );
      for (const res of await Promise.all(batch)) {
        out.push({ token: res.accessToken, userId: jwtSubject(res.accessToken) });
      }
    }
    return out;
  }
}

/** The `sub` claim of a JWT (not verified: the benchmark only needs the user id it was given). */
export function jwtSubject(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    sub?: string;
  };
  return payload.sub ?? '';
}
