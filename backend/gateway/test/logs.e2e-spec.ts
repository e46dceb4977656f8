import { DataSource } from 'typeorm';
import { ApiErrorBody, ClientLogReport, LogEntry, LogPage } from '@shop/contracts';
import { DemoRole, StartedGateway, TestCluster, startGatewayStack, waitFor } from '@shop/testing';
import { ensureLogStream } from '@shop/messaging';

jest.setTimeout(120_000);

const JWT_SECRET = 'e2e-logs-secret-0123456789abcdef01';
const LOG_INGEST_TOKEN = 'e2e-ingest-token-4f1c9a';
const NOTIFICATION_SCRIPT = 'backend/notification/src/main.js';

/**
 * The centralized log end to end: real instances ship records over NATS into the JetStream stream, the
 * notification service copies them into its table service_logs, and the real gateway answers GET /api/logs
 * (filters, time range, paging, admin only) from there, POST /api/logs (the web apps' reports) and
 * GET /api/logs/stream (SSE).
 */
describe('centralized logs through the gateway', () => {
  let cluster: TestCluster;
  let gateway: StartedGateway;
  let inventoryIds: string[];
  let tokens: Map<DemoRole, string>;
  const token = (role: DemoRole) => tokens.get(role)!;
  const admin = () => token('admin');

  const get = (path: string, as?: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}${path}`, {
      headers: { ...headers, ...(as ? { Authorization: `Bearer ${as}` } : {}) },
    });
  const logs = async (query: string): Promise<LogPage> => {
    const res = await get(`/api/logs?${query}`, admin());
    expect({ status: res.status, body: res.status === 200 ? '' : await res.clone().text() }).toEqual({
      status: 200,
      body: '',
    });
    return (await res.json()) as LogPage;
  };
  /** A request that the gateway logs at warn level (404) under our correlation id. */
  const make404 = (correlationId: string) =>
    get(`/api/no-such-route-${correlationId}`, undefined, { 'X-Correlation-Id': correlationId });

  /** POST /api/logs with the given credentials. */
  const report = (body: unknown, auth: { bearer?: string; ingest?: string; address?: string } = {}) =>
    fetch(`${gateway.baseUrl}/api/logs`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        // The gateway trusts X-Forwarded-For from loopback: each test's reports count for their own address.
        'X-Forwarded-For': auth.address ?? '10.77.0.1',
        ...(auth.bearer ? { Authorization: `Bearer ${auth.bearer}` } : {}),
        ...(auth.ingest ? { 'X-Log-Ingest-Token': auth.ingest } : {}),
      },
      body: JSON.stringify(body),
    });
  /** A unique word, so a full-text search finds exactly the records of one test. */
  const uniqueWord = (stem: string) =>
    `${stem}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  let db: DataSource;

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { JWT_SECRET, LOG_INGEST_TOKEN } });
    // As `npm start` does, create the stream before any instance logs (the gateway would create it too, later).
    await ensureLogStream(cluster.observer.nc, cluster.prefix);
    [{ gateway, inventoryIds, tokens }] = await Promise.all([
      startGatewayStack(cluster),
      cluster.startInstance({
        service: 'notification',
        script: NOTIFICATION_SCRIPT,
        readyTimeoutMs: 90_000,
        // Records older than an hour are deleted every second (what the store holds in these tests is newer).
        env: { LOG_STORE_RETENTION_HOURS: '1', LOG_STORE_SWEEP_MS: '1000' },
      }),
    ]);
    db = await new DataSource({ type: 'postgres', url: cluster.database!.url, poolSize: 1 }).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await cluster?.teardown();
  });

  it('copies every log record into the table service_logs of the notification service', async () => {
    const cid = `logs-table-${Date.now()}`;
    expect((await make404(cid)).status).toBe(404);
    const rows = await waitFor(async () => {
      const found = await db.query<
        { service: string; level: string; message: string; instance_id: string }[]
      >(
        'SELECT service, level, message, instance_id FROM notification.service_logs WHERE correlation_id = $1',
        [cid],
      );
      return found.length > 0 ? found : undefined;
    }, 'the 404 record to reach service_logs');
    expect(rows[0]).toMatchObject({ service: 'gateway', level: 'warn', instance_id: gateway.instance.name });
    expect(rows[0].message).toContain(`/api/no-such-route-${cid}`);
  });

  it('deletes records older than the retention, and only those', async () => {
    const insert = (seq: number, age: string) =>
      db.query(
        `INSERT INTO notification.service_logs (stream_seq, idx, time, level, service, instance_id, message)
         VALUES ($1, 0, now() - $2::interval, 'info', 'orders', 'orders-9', 'retention probe')`,
        [seq, age],
      );
    // Sequences far above the stream's, so no real record has these keys.
    await insert(9_000_000_001, '2 hours');
    await insert(9_000_000_002, '30 minutes');
    const left = await waitFor(async () => {
      const rows = await db.query<{ stream_seq: string }[]>(
        'SELECT stream_seq FROM notification.service_logs WHERE stream_seq >= 9000000001 ORDER BY stream_seq',
      );
      return rows.length === 1 ? rows : undefined;
    }, 'the sweep to delete the record older than an hour');
    expect(left.map((r) => r.stream_seq)).toEqual(['9000000002']);
  });

  it('is for admins only', async () => {
    expect((await get('/api/logs')).status).toBe(401);
    expect((await get('/api/logs', token('customer'))).status).toBe(403);
    expect((await get('/api/logs/stream', token('customer'))).status).toBe(403);
  });

  it('finds the records of one request by correlation id, with its level', async () => {
    const cid = `logs-e2e-${Date.now()}`;
    expect((await make404(cid)).status).toBe(404);
    const page = await waitFor(async () => {
      const p = await logs(`correlationId=${cid}`);
      return p.entries.length > 0 ? p : undefined;
    }, 'the 404 record to reach the log stream');
    expect(page.entries.every((e) => e.correlationId === cid)).toBe(true);
    expect(page.entries[0]).toMatchObject({
      service: 'gateway',
      instanceId: gateway.instance.name,
      level: 'warn',
    });
    expect(page.entries[0].message).toContain(`/api/no-such-route-${cid}`);
    expect((await logs(`correlationId=${cid}&level=error`)).entries).toEqual([]);
    expect((await logs(`correlationId=${cid}&level=warn`)).entries.length).toBe(page.entries.length);
  });

  it('filters by service, instance and text, newest first', async () => {
    const inventory = await waitFor(async () => {
      const p = await logs('service=inventory&limit=1000');
      const seen = new Set(p.entries.map((e) => e.instanceId));
      return inventoryIds.every((id) => seen.has(id)) ? p : undefined;
    }, 'start-up records of both inventory instances');
    expect(inventory.entries.every((e) => e.service === 'inventory')).toBe(true);
    const times = inventory.entries.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);

    const one = await logs(`instanceId=${inventoryIds[0]}`);
    expect(one.entries.length).toBeGreaterThan(0);
    expect(one.entries.every((e) => e.instanceId === inventoryIds[0])).toBe(true);

    const word = uniqueWord('needle');
    const posted = await report(
      { app: 'admin-ui', records: [{ level: 'error', message: `Chart failed to draw ${word} twice` }] },
      { bearer: admin() },
    );
    expect(posted.status).toBe(202);
    const found = await waitFor(async () => {
      const p = await logs(`q=${word.toUpperCase()}`);
      return p.entries.length > 0 ? p : undefined;
    }, 'a full-text search to find the record');
    expect(found.entries.map((e) => [e.service, e.message])).toEqual([
      ['admin-ui', `Chart failed to draw ${word} twice`],
    ]);
    expect((await logs(`q=${encodeURIComponent(`${word} -twice`)}`)).entries).toEqual([]);
  });

  it('pages back with nextBefore without repeating or skipping entries', async () => {
    const all = await logs('limit=1000');
    expect(all.entries.length).toBeGreaterThan(3);
    const paged: LogEntry[] = [];
    let before: string | undefined;
    // Pages of 7 cut through the shipped batches (one stream message holds several records).
    for (let i = 0; i < 200; i++) {
      const page = await logs(`limit=7${before ? `&before=${before}` : ''}`);
      paged.push(...page.entries);
      if (page.nextBefore === undefined || paged.length >= all.entries.length + 50) break;
      before = page.nextBefore;
    }
    const newest = new Set(all.entries.map((e) => e.id));
    // New records may arrive meanwhile; every entry of the first answer must appear in the paged walk.
    expect(paged.filter((e) => newest.has(e.id)).map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
  });

  it('refuses malformed filters with a 400 naming the problem', async () => {
    const bad = async (query: string, pattern: RegExp) => {
      const res = await get(`/api/logs?${query}`, admin());
      const body = (await res.json()) as ApiErrorBody;
      expect({ status: res.status, message: body.message }).toEqual({
        status: 400,
        message: expect.stringMatching(pattern),
      });
    };
    await bad('level=loud', /level must be one of/);
    await bad('service=warehouse', /service must be one of/);
    await bad('limit=0', /limit/);
    await bad('limit=abc', /limit must be an integer/);
    await bad('before=12', /before must be an entry id/);
    await bad('colour=red', /colour should not exist/);
    await bad('from=yesterday', /from must be an ISO date-time/);
    await bad('to=2026-13-45T00:00:00Z', /to must be an ISO date-time/);
  });

  it('keeps to the time range [from, to)', async () => {
    const cid = `logs-range-${Date.now()}`;
    await make404(cid);
    const [entry] = await waitFor(async () => {
      const p = await logs(`correlationId=${cid}`);
      return p.entries.length > 0 ? p.entries : undefined;
    }, 'the record to be searchable');
    const at = new Date(entry.time).getTime();
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const ids = async (range: string) =>
      (await logs(`correlationId=${cid}&${range}`)).entries.map((e) => e.id);
    expect(await ids(`from=${iso(at)}&to=${iso(at + 1)}`)).toEqual([entry.id]);
    expect(await ids(`from=${iso(at - 60_000)}&to=${iso(at)}`)).toEqual([]);
    expect(await ids(`from=${iso(at + 1)}`)).toEqual([]);
    expect(await ids(`to=${iso(at + 60_000)}`)).toEqual([entry.id]);
    // A range over the last minute holds it among other records, all inside the range.
    const recent = await logs(`from=${iso(at - 60_000)}&to=${iso(at + 60_000)}&limit=1000`);
    expect(recent.entries.map((e) => e.id)).toContain(entry.id);
    for (const e of recent.entries) {
      const t = new Date(e.time).getTime();
      expect(t >= at - 60_000 && t < at + 60_000).toBe(true);
    }
  });

  describe('POST /api/logs', () => {
    const body = (message: string): ClientLogReport => ({
      app: 'storefront',
      records: [{ level: 'error', message, url: '/cart', stack: 'Error: boom\n    at main.js:1:1' }],
    });

    it('takes reports from an admin and from a client with the ingest token, into the log', async () => {
      const byAdmin = uniqueWord('adminreport');
      const byToken = uniqueWord('tokenreport');
      const first = await report(body(`Render failed ${byAdmin}`), { bearer: admin() });
      expect({ status: first.status, body: await first.json() }).toEqual({
        status: 202,
        body: { accepted: 1 },
      });
      const second = await report(body(`Render failed ${byToken}`), { ingest: LOG_INGEST_TOKEN });
      expect({ status: second.status, body: await second.json() }).toEqual({
        status: 202,
        body: { accepted: 1 },
      });
      for (const word of [byAdmin, byToken]) {
        const page = await waitFor(async () => {
          const p = await logs(`service=storefront&q=${word}`);
          return p.entries.length > 0 ? p : undefined;
        }, `the report ${word} to be searchable`);
        expect(page.entries[0]).toMatchObject({
          service: 'storefront',
          level: 'error',
          message: `Render failed ${word}`,
          context: 'Browser',
          data: expect.objectContaining({ url: '/cart', stack: expect.stringContaining('boom') }),
        });
      }
    });

    it('refuses a shopper (403), no credentials or a wrong ingest token (401)', async () => {
      expect((await report(body('x'), { bearer: token('customer') })).status).toBe(403);
      expect((await report(body('x'))).status).toBe(401);
      expect((await report(body('x'), { ingest: 'not-the-token' })).status).toBe(401);
    });

    it('limits the reports of one client address a minute (429), not those of another', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push(
          (await report(body(`burst ${i}`), { ingest: LOG_INGEST_TOKEN, address: '10.77.0.2' })).status,
        );
      expect(statuses.every((s) => s === 202)).toBe(true);
      const refused = await report(body('one more'), { ingest: LOG_INGEST_TOKEN, address: '10.77.0.2' });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as ApiErrorBody).message).toMatch(/Too many requests/);
      expect(
        (await report(body('other client'), { ingest: LOG_INGEST_TOKEN, address: '10.77.0.3' })).status,
      ).toBe(202);
    });

    it('refuses a malformed report with a 400 naming the problem', async () => {
      const bad = async (payload: unknown, pattern: RegExp) => {
        const res = await report(payload, { bearer: admin() });
        const answer = (await res.json()) as ApiErrorBody;
        expect({ status: res.status, message: answer.message }).toEqual({
          status: 400,
          message: expect.stringMatching(pattern),
        });
      };
      await bad({ app: 'backoffice', records: [{ level: 'error', message: 'x' }] }, /app must be one of/);
      await bad({ app: 'storefront', records: [] }, /at least one record/);
      await bad({ app: 'storefront', records: [{ level: 'fatal', message: 'x' }] }, /level must be one of/);
      await bad(
        { app: 'storefront', records: [{ level: 'error', message: '' }] },
        /message must not be empty/,
      );
      await bad(
        { app: 'storefront', records: [{ level: 'error', message: 'x'.repeat(2001) }] },
        /message must be shorter than or equal to 2000/,
      );
      await bad(
        { app: 'storefront', records: Array.from({ length: 21 }, () => ({ level: 'error', message: 'x' })) },
        /at most 20 records/,
      );
      await bad({ app: 'storefront', records: [{ level: 'error', message: 'x', colour: 1 }] }, /colour/);
      await bad(
        { app: 'storefront', records: [[{ level: 'error', message: 'x' }]] },
        /each of records must be an object/,
      );
      await bad({ app: 'storefront', records: 'boom' }, /records must be an array/);
    });
  });

  it('follows new records as server-sent events, with the token in the query', async () => {
    const cid = `logs-sse-${Date.now()}`;
    const abort = new AbortController();
    const res = await fetch(
      `${gateway.baseUrl}/api/logs/stream?correlationId=${cid}&access_token=${admin()}`,
      {
        signal: abort.signal,
      },
    );
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      // The consumer starts at "new" messages: keep producing records until one arrives.
      const producer = setInterval(() => void make404(cid), 300);
      try {
        while (!/event: log\n(id: [^\n]*\n)?data: /.test(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } finally {
        clearInterval(producer);
      }
      const data = /data: (.*)\n/.exec(text)?.[1];
      const entry = JSON.parse(data ?? '{}') as LogEntry;
      expect(entry).toMatchObject({ correlationId: cid, service: 'gateway', level: 'warn' });
    } finally {
      abort.abort();
    }
  });
});
