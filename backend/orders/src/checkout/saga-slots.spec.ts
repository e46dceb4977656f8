import { SagaSlots } from './saga-slots';

describe('SagaSlots', () => {
  it('lets at most `capacity` holders in and hands slots over in arrival order', async () => {
    const slots = new SagaSlots(2);
    const a = (await slots.acquire())!;
    const b = (await slots.acquire())!;
    const order: string[] = [];
    const c = slots.acquire().then((release) => (order.push('c'), release!));
    const d = slots.acquire().then((release) => (order.push('d'), release!));
    expect(slots.queued).toBe(2);
    a();
    a(); // a second release of the same slot changes nothing
    const releaseC = await c;
    expect(order).toEqual(['c']);
    b();
    (await d)();
    releaseC();
    expect(slots.inUse).toBe(0);
  });

  it('gives up a wait after its time limit and leaves the queue as if it never came', async () => {
    jest.useFakeTimers();
    try {
      const slots = new SagaSlots(1);
      const a = (await slots.acquire(100))!;
      const late = slots.acquire(100);
      const patient = slots.acquire(10_000);
      expect(slots.queued).toBe(2);
      jest.advanceTimersByTime(101);
      expect(await late).toBeUndefined();
      expect(slots.queued).toBe(1);
      a();
      const release = await patient;
      expect(release).toEqual(expect.any(Function));
      expect(slots.inUse).toBe(1);
      release!();
      expect(slots.inUse).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
