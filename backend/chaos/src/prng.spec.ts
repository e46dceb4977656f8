import { Prng } from './prng';

describe('Prng', () => {
  const draw = (p: Prng, n = 20) => Array.from({ length: n }, () => p.next());

  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(new Prng('18'))).toEqual(draw(new Prng('18')));
    expect(draw(new Prng('18'))).not.toEqual(draw(new Prng('19')));
  });

  it('forks independent streams that depend only on the seed and the label', () => {
    const a = new Prng('seed');
    draw(a, 7); // drawing from the parent does not move a fork
    expect(draw(a.fork('faults'))).toEqual(draw(new Prng('seed').fork('faults')));
    expect(draw(a.fork('faults'))).not.toEqual(draw(a.fork('shoppers')));
  });

  it('keeps every helper within its bounds', () => {
    const p = new Prng('bounds');
    for (let i = 0; i < 2000; i++) {
      const x = p.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = p.int(3, 5);
      expect([3, 4, 5]).toContain(n);
      const b = p.between(10, 20);
      expect(b).toBeGreaterThanOrEqual(10);
      expect(b).toBeLessThan(20);
    }
    expect(p.hex(24)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('picks by weight in proportion, and never a key of weight 0', () => {
    const p = new Prng('weights');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[p.weighted({ a: 1, b: 3, c: 0 })]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('shuffles into a permutation', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Prng('shuffle').shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
