import { SagaSlots } from './saga-slots';

describe('SagaSlots', () => {
  it('lets at most `capacity` holders in and hands slots over in arrival order', async () => {
    const slots = new SagaSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((release) => (order.push('c'), release));
    const d = slots.acquire().then((release) => (order.push('d'), release));
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
});
