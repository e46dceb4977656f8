import { RestartBackoff } from './backoff';

describe('RestartBackoff', () => {
  it('doubles the delay on consecutive quick crashes, up to the maximum', () => {
    const backoff = new RestartBackoff(500, 4000, 10_000);
    expect([0, 0, 0, 0, 0].map(() => backoff.next(100))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(backoff.consecutiveFailures).toBe(5);
  });

  it('starts again from the base delay after the instance stayed up long enough', () => {
    const backoff = new RestartBackoff(500, 30_000, 10_000);
    backoff.next(100);
    backoff.next(100);
    expect(backoff.next(10_000)).toBe(500);
    expect(backoff.next(50)).toBe(1000);
  });
});
