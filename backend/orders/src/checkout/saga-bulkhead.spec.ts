import { SagaBulkhead } from './saga-bulkhead';

describe('SagaBulkhead', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('runs at most `capacity` at once and starts the waiting ones in arrival order', async () => {
    const slots = new SagaBulkhead(2);
    const started: string[] = [];
    const gates = { a: gate(), b: gate(), c: gate(), d: gate() };
    const runs = (['a', 'b', 'c', 'd'] as const).map((name) =>
      slots.run(10_000, async () => {
        started.push(name);
        await gates[name].opened;
        return name;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b']);
    gates.b.open();
    expect(await runs[1]).toEqual({ ran: true, value: 'b' });
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b', 'c']);
    gates.a.open();
    gates.c.open();
    gates.d.open();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd'].map((value) => ({ ran: true, value })));
  });

  it('gives a wait up after its time limit; the work then never runs', async () => {
    const slots = new SagaBulkhead(1);
    const busy = gate();
    const first = slots.run(10_000, () => busy.opened);
    let lateRan = false;
    const late = slots.run(20, async () => {
      lateRan = true;
    });
    expect(await late).toEqual({ ran: false });
    busy.open();
    await first;
    expect(await slots.run(20, async () => 'next')).toEqual({ ran: true, value: 'next' });
    expect(lateRan).toBe(false);
  });

  it('passes the work’s error on', async () => {
    const slots = new SagaBulkhead(1);
    await expect(slots.run(100, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
