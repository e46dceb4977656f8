import { BatchOutcome, ChangeBatcher } from './change-batcher';

interface Change {
  user: string;
  n: number;
}

/** A batcher whose batches finish only when the test says so; it records every batch it started. */
function harness(concurrency: number, maxBatch: number) {
  const started: {
    items: Change[];
    finish: (outcomes?: BatchOutcome<string>[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const batcher = new ChangeBatcher<Change, string>({
    concurrency,
    maxBatch,
    keyOf: (c) => c.user,
    run: (items) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise((resolve, reject) => {
        const done = () => inFlight--;
        started.push({
          items,
          finish: (outcomes) => {
            done();
            resolve(outcomes ?? items.map((c) => ({ ok: true, value: `${c.user}${c.n}` })));
          },
          fail: (e) => {
            done();
            reject(e);
          },
        });
      });
    },
  });
  const names = (i: number) => started[i].items.map((c) => `${c.user}${c.n}`);
  return { batcher, started, names, maxInFlight: () => maxInFlight };
}

/** Lets the batcher's completion handlers run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('ChangeBatcher', () => {
  it('starts a lone change at the end of its turn, without waiting for a batch to fill', async () => {
    const h = harness(2, 64);
    const answer = h.batcher.submit({ user: 'a', n: 1 });
    expect(h.started).toHaveLength(0);
    await settle();
    expect(h.started).toHaveLength(1);
    expect(h.names(0)).toEqual(['a1']);
    h.started[0].finish();
    await expect(answer).resolves.toBe('a1');
  });

  it('gathers what arrives while batches are in flight, up to the concurrency limit and the batch size', async () => {
    const h = harness(2, 3);
    const answers = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((user) => h.batcher.submit({ user, n: 1 }));
    await settle();
    // The changes of one turn fill the free slots, a batch size each; the other two wait.
    expect(h.started.map((_, i) => h.names(i))).toEqual([
      ['a1', 'b1', 'c1'],
      ['d1', 'e1', 'f1'],
    ]);
    expect(h.batcher.load).toEqual({ inFlight: 2, queued: 2 });
    const late = h.batcher.submit({ user: 'i', n: 1 });
    h.started[0].finish();
    await settle();
    expect(h.names(2)).toEqual(['g1', 'h1', 'i1']);
    h.started[1].finish();
    h.started[2].finish();
    answers.push(late);
    await expect(Promise.all(answers)).resolves.toEqual([
      'a1',
      'b1',
      'c1',
      'd1',
      'e1',
      'f1',
      'g1',
      'h1',
      'i1',
    ]);
    expect(h.maxInFlight()).toBe(2);
    expect(h.batcher.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('puts at most one change per user in a batch and keeps each user in arrival order', async () => {
    const h = harness(1, 10);
    const first = h.batcher.submit({ user: 'x', n: 1 });
    await settle();
    const rest = [
      { user: 'a', n: 1 },
      { user: 'a', n: 2 },
      { user: 'b', n: 1 },
      { user: 'a', n: 3 },
      { user: 'c', n: 1 },
    ].map((c) => h.batcher.submit(c));
    h.started[0].finish();
    await settle();
    expect(h.names(1)).toEqual(['a1', 'b1', 'c1']);
    h.started[1].finish();
    await settle();
    expect(h.names(2)).toEqual(['a2']);
    h.started[2].finish();
    await settle();
    expect(h.names(3)).toEqual(['a3']);
    h.started[3].finish();
    await expect(Promise.all([first, ...rest])).resolves.toEqual(['x1', 'a1', 'a2', 'b1', 'a3', 'c1']);
  });

  it('does not start a user whose earlier change is in flight, even with a slot free', async () => {
    const h = harness(2, 10);
    void h.batcher.submit({ user: 'a', n: 1 });
    void h.batcher.submit({ user: 'a', n: 2 });
    await settle();
    expect(h.started).toHaveLength(1);
    void h.batcher.submit({ user: 'b', n: 1 });
    await settle();
    expect(h.names(1)).toEqual(['b1']);
    h.started[0].finish();
    await settle();
    expect(h.names(2)).toEqual(['a2']);
    h.started[1].finish();
    h.started[2].finish();
    await settle();
  });

  it('fails only the change that failed, and a failed batch only its own changes', async () => {
    const h = harness(1, 10);
    const lead = h.batcher.submit({ user: 'x', n: 1 });
    await settle();
    const [ok, refused] = [h.batcher.submit({ user: 'a', n: 1 }), h.batcher.submit({ user: 'b', n: 1 })];
    h.started[0].fail(new Error('inventory timed out'));
    await expect(lead).rejects.toThrow('inventory timed out');
    await settle();
    const refusal = new Error('out of stock');
    h.started[1].finish([
      { ok: true, value: 'a1' },
      { ok: false, error: refusal },
    ]);
    await expect(ok).resolves.toBe('a1');
    await expect(refused).rejects.toBe(refusal);
    // The batcher goes on after failures.
    const later = h.batcher.submit({ user: 'x', n: 2 });
    await settle();
    h.started[2].finish();
    await expect(later).resolves.toBe('x2');
  });

  it('refuses a concurrency or batch size below 1', () => {
    const run = () => Promise.resolve([]);
    expect(() => new ChangeBatcher({ concurrency: 0, maxBatch: 1, keyOf: String, run })).toThrow();
    expect(() => new ChangeBatcher({ concurrency: 1, maxBatch: 0, keyOf: String, run })).toThrow();
  });
});
