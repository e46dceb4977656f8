import { NatsSendBatch } from './nats-send-batch';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('NatsSendBatch', () => {
  it('runs the sends of one loop turn later, together, in the order they came, and settles each with its result', async () => {
    const batch = new NatsSendBatch();
    const ran: string[] = [];
    const first = batch.send(() => {
      ran.push('a');
      // nats.js flushes its buffer in a microtask queued by the first message: it must run after both.
      queueMicrotask(() => ran.push('flush'));
      return 1;
    });
    const second = batch.send(() => (ran.push('b'), Promise.resolve(2)));
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual(['a', 'b', 'flush']);
    await expect(first).resolves.toBe(1);
    await expect(second).resolves.toBe(2);
  });

  it('rejects a send that throws without keeping the others of its turn from running', async () => {
    const batch = new NatsSendBatch();
    const failing = batch.send(() => {
      throw new Error('connection closed');
    });
    const ok = batch.send(() => 'sent');
    await expect(failing).rejects.toThrow('connection closed');
    await expect(ok).resolves.toBe('sent');
  });

  it('sends at once when batching is off', () => {
    const batch = new NatsSendBatch(false);
    let sent = false;
    void batch.send(() => (sent = true));
    expect(sent).toBe(true);
  });
});
