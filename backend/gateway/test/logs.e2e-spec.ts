import { ApiErrorBody, LogEntry, LogPage } from '@shop/contracts';
import { DemoRole, StartedGateway, TestCluster, startGatewayStack, waitFor } from '@shop/testing';
import { ensureLogStream } from '@shop/messaging';

jest.setTimeout(90_000);

const JWT_SECRET = 'e2e-logs-secret-0123456789abcdef01';

/**
 * The centralized log end to end: real instances ship records over NATS into the JetStream stream, and
 * the real gateway answers GET /api/logs (filters, paging, admin only) and GET /api/logs/stream (SSE).
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

  beforeAll(async () => {
    cluster = await TestCluster.start({ database: true, env: { JWT_SECRET } });
    // As `npm start` does, create the stream before any instance logs (the gateway would create it too, later).
    await ensureLogStream(cluster.observer.nc, cluster.prefix);
    ({ gateway, inventoryIds, tokens } = await startGatewayStack(cluster));
  });

  afterAll(async () => {
    await cluster?.teardown();
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
    const times = inventory.entries.map((e) => e.seq);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const one = await logs(`instanceId=${inventoryIds[0]}`);
    expect(one.entries.length).toBeGreaterThan(0);
    expect(one.entries.every((e) => e.instanceId === inventoryIds[0])).toBe(true);

    const cid = `logs-q-${Date.now()}`;
    await make404(cid);
    const found = await waitFor(async () => {
      const p = await logs(`q=${cid.toUpperCase()}`);
      return p.entries.length > 0 ? p : undefined;
    }, 'a text search to find the record');
    expect(found.entries.every((e) => e.message.includes(cid) || e.correlationId === cid)).toBe(true);
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
