import { QuietGc } from './quiet-gc';

describe('QuietGc', () => {
  let clock: number;
  let collections: number;
  let quiet: QuietGc;
  const at = (ms: number, utilization: number) => {
    clock = ms;
    return quiet.check(utilization);
  };

  beforeEach(() => {
    clock = 0;
    collections = 0;
    quiet = new QuietGc(
      { quietMs: 2000, settleMs: 5000, maxUtilization: 0.05 },
      () => collections++,
      () => clock,
    );
  });

  it('collects after quietMs of quiet, again settleMs later, then no more in that quiet spell', () => {
    expect(at(0, 0.9)).toBe(false);
    expect(at(500, 0.01)).toBe(false); // quiet from here
    expect(at(2000, 0.02)).toBe(false);
    expect(at(2500, 0.01)).toBe(true);
    expect(at(3000, 0)).toBe(false);
    expect(at(7000, 0)).toBe(false);
    expect(at(7500, 0)).toBe(true);
    expect(at(13_000, 0)).toBe(false);
    expect(at(60_000, 0)).toBe(false);
    expect(collections).toBe(2);
  });

  it('starts the quiet spell again after any busy sample', () => {
    at(0, 0.01);
    at(1500, 0.5);
    expect(at(2500, 0.01)).toBe(false);
    expect(at(4000, 0.01)).toBe(false);
    expect(at(4500, 0.01)).toBe(true);
    at(6000, 0.3); // busy between the two collections: start over
    expect(at(9600, 0)).toBe(false);
    expect(at(11_600, 0)).toBe(true);
    expect(collections).toBe(2);
  });

  it('collects again after the next busy spell turns quiet', () => {
    at(0, 0);
    expect(at(2000, 0)).toBe(true);
    expect(at(7000, 0)).toBe(true);
    at(7500, 0.8);
    at(8000, 0);
    expect(at(10_000, 0)).toBe(true);
    expect(collections).toBe(3);
  });

  it('does not start without the exposed gc, nor with quietMs 0', () => {
    const exposed = (globalThis as { gc?: unknown }).gc;
    expect(QuietGc.start({ quietMs: exposed ? 0 : 2000 })).toBeUndefined();
  });
});
