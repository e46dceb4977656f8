import { Msg, NatsConnection, NoRespondersError, TimeoutError, headers } from '@nats-io/transport-node';
// The transport class under the connection's coalescing one (not re-exported by the package index).
import { NodeTransport } from '@nats-io/transport-node/lib/node_transport';
import { DEFAULT_NATS_URL } from '@shop/common';
import { uniquePrefix } from '@shop/testing';
import { connectNats } from '../src/nats-connection';
import { ReplyInbox } from '../src/rpc/reply-inbox';

/** The RPC client's request/reply against a real NATS server. */
describe('ReplyInbox', () => {
  let nc: NatsConnection;
  let inbox: ReplyInbox;
  const subject = (name: string) => `${uniquePrefix()}.${name}`;

  beforeAll(async () => {
    nc = await connectNats({ servers: process.env.NATS_URL ?? DEFAULT_NATS_URL });
    inbox = new ReplyInbox(nc);
  });

  afterAll(async () => {
    await nc?.close();
  });

  it('matches concurrent replies to their requests, headers included', async () => {
    const echo = subject('echo');
    const sub = nc.subscribe(echo, {
      // Answers out of order: later requests first.
      callback: (_err, msg) => {
        setTimeout(() => msg.respond(msg.data, { headers: msg.headers }), 50 - Number(msg.string()));
      },
    });
    await nc.flush();
    const h = headers();
    h.set('x-test', 'kept');
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => inbox.request(echo, new TextEncoder().encode(String(i)), h, 2000)),
    );
    expect(replies.map((r) => r.string())).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(replies.every((r) => r.headers?.get('x-test') === 'kept')).toBe(true);
    expect(inbox.waiting).toBe(0);
    sub.unsubscribe();
  });

  it('writes the requests of one event-loop turn to the socket together', async () => {
    const echo = subject('batch');
    const sub = nc.subscribe(echo, { callback: (_err, msg) => void msg.respond(msg.data) });
    await nc.flush();
    const write = jest.spyOn(NodeTransport.prototype, 'send');
    try {
      // Three callbacks of one turn, as three HTTP requests read in one poll phase would be.
      const replies = await new Promise<Promise<Msg>[]>((started) => {
        const out: Promise<Msg>[] = [];
        for (const i of [1, 2, 3])
          setImmediate(() => {
            out.push(inbox.request(echo, new Uint8Array([i]), undefined, 2000));
            if (out.length === 3) started(out);
          });
      });
      expect((await Promise.all(replies)).map((r) => r.data[0])).toEqual([1, 2, 3]);
      const frames = write.mock.calls
        .map(([bytes]) => Buffer.from(bytes).toString('latin1'))
        .filter((text) => text.includes(`PUB ${echo} `));
      expect(frames).toHaveLength(1);
      expect(frames[0].split(`PUB ${echo} `)).toHaveLength(4);
    } finally {
      write.mockRestore();
      sub.unsubscribe();
    }
  });

  it('rejects a request that cannot be published, and only that one', async () => {
    const echo = subject('fine');
    const sub = nc.subscribe(echo, { callback: (_err, msg) => void msg.respond(msg.data) });
    await nc.flush();
    const bad = inbox.request('', new Uint8Array([1]), undefined, 2000);
    const good = inbox.request(echo, new Uint8Array([2]), undefined, 2000);
    await expect(bad).rejects.toThrow(/subject/i);
    expect((await good).data[0]).toBe(2);
    expect(inbox.waiting).toBe(0);
    sub.unsubscribe();
  });

  it('rejects with NoRespondersError when nobody listens on the subject', async () => {
    await expect(inbox.request(subject('nobody'), new Uint8Array(), headers(), 2000)).rejects.toBeInstanceOf(
      NoRespondersError,
    );
    expect(inbox.waiting).toBe(0);
  });

  it('rejects with TimeoutError when the responder is silent, and ignores its late answer', async () => {
    const slow = subject('slow');
    const late: Promise<void>[] = [];
    const sub = nc.subscribe(slow, {
      callback: (_err, msg) => {
        late.push(new Promise((done) => setTimeout(() => done(void msg.respond(msg.data)), 300)));
      },
    });
    await nc.flush();
    await expect(inbox.request(slow, new Uint8Array([1]), headers(), 100)).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(inbox.waiting).toBe(0);
    await Promise.all(late); // the late answer arrives and is dropped
    await nc.flush();
    expect(inbox.waiting).toBe(0);
    sub.unsubscribe();
  });

  it('fails what still waits when the connection closes', async () => {
    const other = await connectNats({ servers: process.env.NATS_URL ?? DEFAULT_NATS_URL });
    const own = new ReplyInbox(other);
    const silent = subject('silent');
    const sub = nc.subscribe(silent, { callback: () => undefined });
    await nc.flush();
    const pending = own.request(silent, new Uint8Array(), headers(), 10_000);
    await other.flush();
    await other.close();
    await expect(pending).rejects.toThrow('NATS connection closed');
    sub.unsubscribe();
  });
});
