import { NatsConnection, RequestError, TimeoutError, headers } from '@nats-io/transport-node';
import { DEFAULT_NATS_URL } from '@shop/common';
import { uniquePrefix } from '@shop/testing';
import { connectNats } from '../src/nats-connection';
import { ReplyInbox } from '../src/rpc/reply-inbox';
import { isNoResponders } from '../src/rpc/rpc-errors';

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
      Array.from({ length: 40 }, (_, i) =>
        inbox.request(
          echo,
          new TextEncoder().encode(String(i)),
          h,
          2000,
          i % 2 ? 'some-instance' : undefined,
        ),
      ),
    );
    expect(replies.map((r) => r.string())).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(replies.every((r) => r.headers?.get('x-test') === 'kept')).toBe(true);
    expect(inbox.waiting).toBe(0);
    sub.unsubscribe();
  });

  it('fails at once what waits on a lost instance, and nothing else', async () => {
    const slow = subject('slow-answer');
    const sub = nc.subscribe(slow, {
      callback: (_err, msg) => void setTimeout(() => msg.respond(msg.data), 200),
    });
    await nc.flush();
    const onLost = inbox.request(slow, new Uint8Array([1]), undefined, 2000, 'lost-1');
    const onOther = inbox.request(slow, new Uint8Array([2]), undefined, 2000, 'other-1');
    const plain = inbox.request(slow, new Uint8Array([3]), undefined, 2000);
    expect(inbox.waiting).toBe(2);
    expect(inbox.failWaitingOn('lost-1', new Error('lost-1 is gone'))).toBe(1);
    await expect(onLost).rejects.toThrow('lost-1 is gone');
    expect((await onOther).data[0]).toBe(2);
    expect((await plain).data[0]).toBe(3);
    expect(inbox.waiting).toBe(0);
    sub.unsubscribe();
  });

  it('rejects a request that cannot be published, and only that one', async () => {
    const echo = subject('fine');
    const sub = nc.subscribe(echo, { callback: (_err, msg) => void msg.respond(msg.data) });
    await nc.flush();
    const bad = inbox.request('', new Uint8Array([1]), undefined, 2000);
    const good = inbox.request(echo, new Uint8Array([2]), undefined, 2000);
    await expect(bad).rejects.toThrow(/subject/i);
    expect((await good).data[0]).toBe(2);
    sub.unsubscribe();
  });

  it('rejects with "no responders" when nobody listens on the subject', async () => {
    const err = await inbox
      .request(subject('nobody'), new Uint8Array(), headers(), 2000, 'x')
      .catch((e) => e);
    expect(isNoResponders(err)).toBe(true);
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
    await expect(inbox.request(slow, new Uint8Array([1]), headers(), 100, 'x')).rejects.toBeInstanceOf(
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
    const pending = own.request(silent, new Uint8Array(), headers(), 10_000, 'x');
    await other.flush();
    await other.close();
    await expect(pending).rejects.toBeInstanceOf(RequestError);
    expect(own.waiting).toBe(0);
    sub.unsubscribe();
  });
});
