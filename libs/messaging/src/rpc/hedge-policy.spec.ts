import { platformContract } from '@shop/contracts';
import { HedgePolicy } from './hedge-policy';

const { echo, info } = platformContract('inventory');

describe('HedgePolicy', () => {
  const policy = (share = 0.05) => new HedgePolicy({ share, minDelayMs: 20, maxDelayMs: 1000 });
  const observeMany = (p: HedgePolicy, values: number[]) => values.forEach((ms) => p.observe(echo, ms, 0));

  it('hedges no read of a method until 20 answers are known, then waits for their 99th percentile', () => {
    const p = policy();
    observeMany(
      p,
      Array.from({ length: 19 }, (_, i) => 30 + i),
    );
    expect(p.delayFor(echo)).toBeUndefined();
    p.observe(echo, 49, 0);
    // 20 answers of 30..49 ms: the 99th percentile is the slowest, 49 ms.
    expect(p.delayFor(echo)).toBe(49);
    expect(p.delayFor(info)).toBeUndefined();
  });

  it('keeps the delay between its floor and its cap', () => {
    const fast = policy();
    observeMany(fast, Array(20).fill(2));
    expect(fast.delayFor(echo)).toBe(20);
    const slow = policy();
    observeMany(slow, Array(20).fill(5000));
    expect(slow.delayFor(echo)).toBe(1000);
  });

  it('follows the answers: the delay is computed again every 50 answers', () => {
    const p = policy();
    observeMany(p, Array(20).fill(100));
    expect(p.delayFor(echo)).toBe(100);
    observeMany(p, Array(49).fill(300));
    expect(p.delayFor(echo)).toBe(100);
    p.observe(echo, 300, 0);
    expect(p.delayFor(echo)).toBe(300);
  });

  it('spends a budget of one hedge per 20 reads (5 %), with at most 100 saved for a burst', () => {
    const p = policy();
    let hedges = 0;
    for (let read = 0; read < 1000; read++) {
      p.delayFor(echo);
      if (p.take()) hedges++;
    }
    // 100 saved at the start, then one per 20 reads.
    expect(hedges).toBeGreaterThanOrEqual(149);
    expect(hedges).toBeLessThanOrEqual(150);
  });

  it('is off with a share of 0', () => {
    const p = policy(0);
    observeMany(p, Array(20).fill(100));
    expect(p.delayFor(echo)).toBeUndefined();
  });
});
